// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <vector>

namespace wb::passes {

// One node a pass created or rewrote, with provenance: the old nodes it stands for.
struct NodeChange {
    std::string node;               // name after the pass
    std::string op;                 // op after the pass
    std::vector<std::string> from;  // old nodes folded into it (itself included when rewritten)
    std::string note;               // why, in a few words ("x*1 -> x", "BiasAdd+Relu fused")
};

// One node a pass deleted, and why.
struct Removal {
    std::string node;
    std::string op;
    std::string reason;
};

// What one pass did. The GUI diff and the CLI report read only this.
struct ChangeLog {
    std::vector<Removal> removed;
    std::vector<NodeChange> added;
    std::vector<NodeChange> rewritten;

    bool empty() const { return removed.empty() && added.empty() && rewritten.empty(); }
    void append(const ChangeLog& other) {
        removed.insert(removed.end(), other.removed.begin(), other.removed.end());
        added.insert(added.end(), other.added.begin(), other.added.end());
        rewritten.insert(rewritten.end(), other.rewritten.begin(), other.rewritten.end());
    }
};

}  // namespace wb::passes
