// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <memory>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace wb::cli {

// One `tfjs-wb` subcommand (keepassxc's Command pattern). configure() declares the options on
// its CLI11 subcommand; run() does the work after parsing and returns the exit code
// (0 success, 1 failure with a message on stderr, 2 usage error).
class Command {
public:
    virtual ~Command() = default;
    virtual std::string name() const = 0;
    virtual std::string summary() const = 0;
    virtual void configure(CLI::App& app) = 0;
    virtual int run() = 0;
};

// Every subcommand, in the order `tfjs-wb --help` lists them (commands_list.cpp).
std::vector<std::unique_ptr<Command>> make_commands();

// Prints "tfjs-wb: error: <message>" to stderr and returns 1.
int fail(const std::string& message);

}  // namespace wb::cli
