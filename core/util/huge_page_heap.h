// SPDX-License-Identifier: Apache-2.0
#pragma once
namespace wb {

// The runtime's hot data — packed filters, kernel and primitive objects, the executor's tables,
// activations — is spread over tens of MB of malloc heap; on 4 KB pages every inference walks
// thousands of page-table entries (costly in a VM, where each walk is nested). glibc 2.35+ puts
// its heap on 2 MB transparent huge pages when the process starts with
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (measured interleaved, 2 threads: MobileNetV2-1.4
// 2.5 % faster, InceptionV3 5 %, the nsfwjs Keras MobileNetV2 4 %). Tunables are read before
// main(), so the programs call this first: it re-executes the binary once with the tunable added
// and, in the second start, puts GLIBC_TUNABLES back as it was, so that child processes do not
// inherit it. Does nothing when the kernel offers no huge pages on request (THP "never", or
// "always" where the heap already gets them), with glibc < 2.35, when GLIBC_TUNABLES already sets
// the option, or with WB_HUGE_PAGES=0.
void restart_with_huge_page_heap(char** argv);

// glibc ≥ 2.35 and the kernel's THP mode "madvise": the conditions under which the restart
// puts the heap on huge pages (util/proc_memory.h reports how much lies on them).
bool huge_page_heap_possible();

}  // namespace wb
