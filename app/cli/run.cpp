// SPDX-License-Identifier: Apache-2.0
// `tfjs-wb run MODEL [--input inputs.json] [--fill zero|random --seed S] [--outputs a,b] --out DIR`:
// runs the model in the bundled runtime and writes inputs.json/outputs.json + .bin files in the
// layout of the TensorFlow.js reference runner, so the two can be compared file for file.
#include <iostream>
#include <memory>

#include "cli/command.h"
#include "cli/run_common.h"
#include "formats/registry.h"
#include "runtime/session.h"

namespace wb::cli {

namespace {

class RunCommand : public Command {
public:
    std::string name() const override { return "run"; }
    std::string summary() const override { return "Run a model in the bundled runtime and write its outputs"; }
    void configure(CLI::App& app) override {
        opts_.add_to(app, true);
        app.add_option("--out", out_, "Output folder for outputs.json and .bin files")->required();
        app.add_option("--threads", threads_, "Worker threads (0 = all cores)");
    }
    int run() override {
        runtime::InputSpec spec;
        std::string error;
        if (!opts_.to_spec(spec, error)) return fail(error);
        auto model = formats::read_model(opts_.model);
        if (!model) return fail(model.error().what());
        auto shared = std::make_shared<const ir::Model>(std::move(*model));
        auto inputs = runtime::make_inputs(*shared, spec);
        if (!inputs) return fail(inputs.error().what());
        auto session = runtime::Session::create(shared, runtime::SessionOptions{threads_, false});
        if (!session) return fail(session.error().what());
        auto fetches = opts_.fetches();
        auto outputs = (*session)->run(*inputs, fetches);
        if (!outputs) return fail(outputs.error().what());
        if (fetches.empty())
            for (const auto& o : shared->outputs) fetches.push_back(o.key.empty() ? o.name : o.key);
        std::vector<runtime::NamedTensor> named;
        for (std::size_t i = 0; i < outputs->size(); ++i)
            named.emplace_back(i < fetches.size() ? fetches[i] : "output_" + std::to_string(i), (*outputs)[i]);
        if (auto st = runtime::write_tensor_set(out_, "inputs.json", *inputs); !st) return fail(st.error().what());
        if (auto st = runtime::write_tensor_set(out_, "outputs.json", named); !st) return fail(st.error().what());
        for (const auto& [n, t] : named)
            std::cout << n << "  " << ir::dtype_name(t.dtype()) << "  " << t.shape().to_string() << "\n";
        std::cout << "wrote " << named.size() << " outputs to " << out_ << "\n";
        return 0;
    }

private:
    RunInputOptions opts_;
    std::string out_;
    int threads_ = 0;
};

}  // namespace

std::unique_ptr<Command> make_run_command() { return std::make_unique<RunCommand>(); }

}  // namespace wb::cli
