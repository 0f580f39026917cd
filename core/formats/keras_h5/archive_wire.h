// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "formats/keras_h5/raw_archive.h"
#include "util/error.h"

// How the sandboxed libhdf5 child (isolated_read.h) hands its result to the reader: a
// length-prefixed binary message in a memfd. Both ends are the same binary, so integers are in
// host order; the reader still checks every length, since a child that dies mid-write leaves a
// short message.
namespace wb::formats::keras::wire {

// Writes [u64 payload length][payload] to `fd` (restarts on EINTR). False when writing failed;
// the caller then exits the child.
bool write_result(int fd, const Expected<RawArchive>& result);

// The payload alone (without the length prefix), for tools that write fuzz seeds.
std::string encode(const Expected<RawArchive>& result);

// Decodes a payload. A message that does not parse becomes an Error naming `label`.
Expected<RawArchive> decode(std::string_view payload, const std::string& label);

}  // namespace wb::formats::keras::wire
