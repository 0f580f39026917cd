// SPDX-License-Identifier: Apache-2.0
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/command.h"
#include "util/huge_page_heap.h"
#include "version.h"

int main(int argc, char** argv) {
    wb::restart_with_huge_page_heap(argv);
    CLI::App app{"tfjs-wb " + wb::version() +
                 " — inspect, run, optimize, quantize and convert TensorFlow and Keras models for "
                 "TensorFlow.js, without Python.\n"
                 "Run 'tfjs-wb COMMAND --help' for the options of one command."};
    app.set_version_flag("--version,-v", "tfjs-wb " + wb::version());
    app.require_subcommand(1);
    app.footer("Examples:\n"
               "  tfjs-wb inspect model.pb\n"
               "  tfjs-wb convert --input_format=tf_saved_model saved_model/ web_model/\n"
               "  tfjs-wb bench web_model/model.json --runs 50\n");

    auto commands = wb::cli::make_commands();
    wb::cli::Command* chosen = nullptr;
    for (auto& command : commands) {
        CLI::App* sub = app.add_subcommand(command->name(), command->summary());
        command->configure(*sub);
        sub->callback([&chosen, c = command.get()] { chosen = c; });
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    if (!chosen) return 2;
    try {
        return chosen->run();
    } catch (const std::exception& e) {
        return wb::cli::fail(e.what());
    }
}
