// SPDX-License-Identifier: Apache-2.0
// The one list of subcommands: adding a command adds its file and one line here.
#include "cli/command.h"

#include <iostream>

namespace wb::cli {

int fail(const std::string& message) {
    std::cerr << "tfjs-wb: error: " << message << "\n";
    return 1;
}

std::unique_ptr<Command> make_inspect_command();
std::unique_ptr<Command> make_convert_command();
std::unique_ptr<Command> make_quant_report_command();
std::unique_ptr<Command> make_optimize_command();

std::unique_ptr<Command> make_run_command();
std::unique_ptr<Command> make_bench_command();

std::vector<std::unique_ptr<Command>> make_commands() {
    std::vector<std::unique_ptr<Command>> list;
    list.push_back(make_inspect_command());
    list.push_back(make_convert_command());
    list.push_back(make_quant_report_command());
    list.push_back(make_optimize_command());
    list.push_back(make_run_command());
    list.push_back(make_bench_command());
    return list;
}

}  // namespace wb::cli
