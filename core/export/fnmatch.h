// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wb::exporter {

// A shell pattern with Python's fnmatch semantics on POSIX (the converter selects weights to
// quantize with fnmatch.filter, spec §5.1): `*` matches any run of characters including `/`,
// `?` one character, `[seq]` / `[!seq]` a set with ranges, anything else itself; the whole
// name must match; case-sensitive. Characters are Unicode code points (UTF-8 decoded), as in
// Python str. A `[` without a closing `]` is a literal `[`; reversed ranges (`[z-a]`) are
// dropped as CPython 3.9+ does.
class FnMatchPattern {
public:
    explicit FnMatchPattern(std::string_view pattern);
    bool matches(std::string_view name) const;
    const std::string& pattern() const { return pattern_; }

    // One pattern element; a Set with no ranges matches nothing, or anything when negated.
    struct Token {
        enum Kind { Literal, AnyChar, Star, Set } kind = Literal;
        char32_t ch = 0;
        bool negate = false;
        std::vector<std::pair<char32_t, char32_t>> ranges;
    };

private:
    std::string pattern_;
    std::vector<Token> tokens_;
};

// fnmatch.fnmatchcase(name, pattern).
bool fnmatch(std::string_view name, std::string_view pattern);

}  // namespace wb::exporter
