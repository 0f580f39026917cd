// SPDX-License-Identifier: Apache-2.0
// The one list of readers (STYLE: one reader per format, registered in one list).
#include "formats/registry.h"

#include "formats/graphdef/frozen_graph_reader.h"
#include "formats/keras_h5/keras_h5_reader.h"
#include "formats/keras_v3/keras_v3_reader.h"
#include "formats/tfjs/tfjs_readers.h"
#include "formats/saved_model/saved_model_reader.h"
#include "formats/tfhub/tf_hub_reader.h"

namespace wb::formats {

std::vector<std::unique_ptr<Reader>> make_readers() {
    std::vector<std::unique_ptr<Reader>> list;
    list.push_back(make_frozen_graph_reader());
    list.push_back(make_tfjs_graph_model_reader());
    list.push_back(make_tfjs_layers_model_reader());
    list.push_back(make_saved_model_reader());
    list.push_back(make_tf_hub_reader());
    list.push_back(make_keras_h5_reader());
    list.push_back(make_keras_v3_reader());
    return list;
}

}  // namespace wb::formats
