// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "mutations.h"

namespace wb::test {

// Hostile damage to the HDF5 structures of a Keras .h5 as h5py writes them (v0 superblock,
// v1 B-trees 'TREE', symbol nodes 'SNOD', local heaps 'HEAP', global heap collections 'GCOL'
// holding the variable-length string attributes): enormous sizes and counts, addresses past
// the end or back to themselves. This is the kind of input that crashed libhdf5 1.10 in-process
// (see fuzz_crash_2ca52162); `bytes` is the file the mutations will be applied to.
std::vector<Mutation> h5_mutations(const std::string& bytes);

// The corpus file fuzz_keras_h5 mutated into its first libhdf5 crash, and the recorded mutation:
// 59 bytes 0xCE inserted at offset 2073, inside the size of a global heap object.
inline const char* kFuzzCrashSeed = "keras_h5/dl4j/examples/causal_conv1d/causal_conv1d_k3_s3_d1_cl_weights.h5";
std::string fuzz_crash_2ca52162(const std::filesystem::path& corpus);

// An input on which libhdf5 1.10 loops forever (fuzz_keras_h5, 60 s run): the corpus file
// kFuzzHangSeed with one byte changed, offset 2912 from 0x39 to 0x6F.
inline const char* kFuzzHangSeed = "keras_h5/dl4j/examples/causal_conv1d/causal_conv1d_k2_s3_d1_cl_model.h5";
std::string fuzz_hang_895f01d9(const std::filesystem::path& corpus);

}  // namespace wb::test
