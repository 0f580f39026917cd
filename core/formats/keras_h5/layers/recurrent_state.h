// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "formats/keras_h5/layers/recurrent.h"

namespace wb::formats::keras {

// Runs a recurrence whose `count` states (each of `state_shape`, static) are kept in resource
// variables between calls (stateful=True): `body` gets the start states and must return
// [output, final states...]. Returns [output] or, with return_state, [output, states...], each
// behind control edges on the state assignments. `initial` (optional initial_state tensors) is
// used when every recorded state is zero (Keras 2.1+).
using KeptStatesBody = std::function<Expected<std::vector<KTensor>>(const std::vector<KTensor>& start)>;
Expected<std::vector<KTensor>> with_kept_states(LayerContext& ctx, const std::string& tag, const ir::Shape& state_shape,
                                                int count, const std::vector<KTensor>& initial, bool return_state,
                                                const KeptStatesBody& body);

}  // namespace wb::formats::keras
