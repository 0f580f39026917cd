// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "ir/tensor.h"
#include "runtime/executor/graph_plan.h"

namespace wb::runtime {

// A value travelling along an edge; `dead` marks the untaken side of a Switch.
struct Entry {
    ir::Tensor tensor;
    bool dead = false;
    bool has = false;
};

// Per node, per frame iteration: inputs received so far and what is still missing.
struct NodeState {
    std::vector<Entry> inputs;
    int pending = 0;
    bool dead = false;
    bool fired = false;       // Merge: fired once per iteration
    int merge_index = 0;
    int merge_dead = 0;
    bool merge_all_dead = false;
    int folded_slot = -1;     // Add folded into its producer: forward this input
};

struct Frame;
struct Iteration {
    std::unordered_map<int, NodeState> states;
};

// An execution frame: the root graph, or one while-loop context (named by Enter's
// frame_name) instantiated inside a given parent iteration.
struct Frame {
    std::string name;
    Frame* parent = nullptr;
    int parent_iter = 0;
    std::vector<std::unique_ptr<Iteration>> iterations;
    std::vector<std::pair<int, Entry>> invariants;  // constant Enter outputs, fed to every iteration
};

struct Ready {
    int node;
    Frame* frame;
    int iter;
};

class FrameTable {
public:
    FrameTable(const GraphPlan& plan, const std::vector<char>& needed);
    Frame* root() { return root_.get(); }
    void set_ready_sink(std::deque<Ready>* ready) { ready_ = ready; }
    NodeState& state(Frame* frame, int iter, int node);
    NodeState* find_state(Frame* frame, int iter, int node);  // null if nothing arrived yet
    // Sends a node's outputs (and its control signal) to its consumers, moving between frames
    // for Enter/Exit/NextIteration.
    void propagate(int node, Frame* frame, int iter, std::vector<Entry> outputs, bool node_dead);

private:
    Frame* child(Frame* parent, int iter, const std::string& name);
    Iteration& iteration(Frame* frame, int iter);
    void send(int src, const std::vector<Entry>& outputs, bool dead, Frame* frame, int iter);
    void deliver(int dst, int slot, const Entry& e, Frame* frame, int iter);

    const GraphPlan& plan_;
    const std::vector<char>& needed_;
    std::unique_ptr<Frame> root_;
    std::map<std::tuple<Frame*, int, std::string>, std::unique_ptr<Frame>> children_;
    std::deque<Ready>* ready_ = nullptr;
};

}  // namespace wb::runtime
