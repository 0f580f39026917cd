// SPDX-License-Identifier: Apache-2.0
#include "export/fnmatch.h"

#include <cstdint>
#include <optional>

namespace wb::exporter {
namespace {

using U32 = std::u32string;

// UTF-8 → code points. Invalid bytes map to U+DC80+byte (Python's surrogateescape), so a
// malformed name still compares byte for byte.
U32 decode_utf8(std::string_view s) {
    U32 out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        auto b = static_cast<unsigned char>(s[i]);
        int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xe ? 2 : (b >> 3) == 0x1e ? 3 : -1;
        char32_t cp = extra == 0 ? b : extra == 1 ? (b & 0x1f) : extra == 2 ? (b & 0x0f) : (b & 0x07);
        bool ok = extra >= 0 && i + static_cast<std::size_t>(extra) < s.size();
        for (int k = 1; ok && k <= extra; ++k) {
            auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) ok = false;
            else cp = (cp << 6) | (c & 0x3f);
        }
        if (!ok) {
            out.push_back(0xdc80 + b);
            ++i;
            continue;
        }
        out.push_back(cp);
        i += static_cast<std::size_t>(extra) + 1;
    }
    return out;
}

// One element of the set body as CPython's fnmatch.translate leaves it for the regex engine:
// either a literal character or an unescaped '-' that separates two range chunks.
struct SetItem {
    char32_t ch;
    bool range_dash;
};

// Mirrors fnmatch.translate for "[...]" with body p[i, j) (CPython 3.9–3.12): split at range
// dashes into chunks, drop reversed ranges, then read the result as sre_parse reads a class.
FnMatchPattern::Token parse_set(const U32& p, std::size_t i, std::size_t j) {
    FnMatchPattern::Token tok;
    tok.kind = FnMatchPattern::Token::Set;
    std::vector<U32> chunks;
    U32 stuff = p.substr(i, j - i);
    if (stuff.find(U'-') == U32::npos) {
        chunks.push_back(stuff);
    } else {
        std::size_t k = p[i] == U'!' ? i + 2 : i + 1;
        for (;;) {
            std::size_t dash = k < j ? p.substr(0, j).find(U'-', k) : U32::npos;
            if (dash == U32::npos) break;
            chunks.push_back(p.substr(i, dash - i));
            i = dash + 1;
            k = dash + 3;
        }
        U32 last = p.substr(i, j - i);
        if (!last.empty()) chunks.push_back(last);
        else chunks.back() += U'-';
        for (std::size_t c = chunks.size() - 1; c > 0; --c) {
            if (chunks[c - 1].back() > chunks[c].front()) {
                chunks[c - 1] = chunks[c - 1].substr(0, chunks[c - 1].size() - 1) + chunks[c].substr(1);
                chunks.erase(chunks.begin() + static_cast<std::ptrdiff_t>(c));
            }
        }
    }
    std::vector<SetItem> items;
    for (std::size_t c = 0; c < chunks.size(); ++c) {
        if (c > 0) items.push_back({U'-', true});
        for (char32_t ch : chunks[c]) items.push_back({ch, false});
    }
    if (items.empty()) return tok;  // "(?!)": never matches
    if (items.size() == 1 && !items[0].range_dash && items[0].ch == U'!') {
        tok.negate = true;  // negated empty set: any character
        return tok;
    }
    std::size_t at = 0;
    if (!items[0].range_dash && items[0].ch == U'!') {
        tok.negate = true;
        at = 1;
    }
    while (at < items.size()) {
        char32_t lo = items[at++].ch;
        if (at < items.size() && items[at].range_dash) {
            ++at;
            if (at >= items.size()) {  // "x-]": both literal
                tok.ranges.push_back({lo, lo});
                tok.ranges.push_back({U'-', U'-'});
                break;
            }
            char32_t hi = items[at++].ch;
            if (lo <= hi) tok.ranges.push_back({lo, hi});  // re.error in CPython; here: no match
        } else {
            tok.ranges.push_back({lo, lo});
        }
    }
    return tok;
}

bool token_matches(const FnMatchPattern::Token& t, char32_t c) {
    switch (t.kind) {
    case FnMatchPattern::Token::Literal: return t.ch == c;
    case FnMatchPattern::Token::AnyChar: return true;
    case FnMatchPattern::Token::Set: {
        bool in = false;
        for (const auto& [lo, hi] : t.ranges)
            if (lo <= c && c <= hi) { in = true; break; }
        return in != t.negate;
    }
    case FnMatchPattern::Token::Star: return false;
    }
    return false;
}

}  // namespace

FnMatchPattern::FnMatchPattern(std::string_view pattern) : pattern_(pattern) {
    U32 p = decode_utf8(pattern);
    std::size_t i = 0, n = p.size();
    while (i < n) {
        char32_t c = p[i++];
        if (c == U'*') {
            if (tokens_.empty() || tokens_.back().kind != Token::Star) tokens_.push_back({Token::Star, 0, false, {}});
        } else if (c == U'?') {
            tokens_.push_back({Token::AnyChar, 0, false, {}});
        } else if (c == U'[') {
            std::size_t j = i;
            if (j < n && p[j] == U'!') ++j;
            if (j < n && p[j] == U']') ++j;
            while (j < n && p[j] != U']') ++j;
            if (j >= n) {
                tokens_.push_back({Token::Literal, U'[', false, {}});
            } else {
                tokens_.push_back(parse_set(p, i, j));
                i = j + 1;
            }
        } else {
            tokens_.push_back({Token::Literal, c, false, {}});
        }
    }
}

bool FnMatchPattern::matches(std::string_view name_utf8) const {
    U32 name = decode_utf8(name_utf8);
    // Classic wildcard matching: every non-star token consumes exactly one character, so
    // backtracking to the most recent star is enough (linear in practice, never exponential).
    std::size_t t = 0, s = 0;
    std::optional<std::size_t> star_t;
    std::size_t star_s = 0;
    while (s < name.size()) {
        if (t < tokens_.size() && tokens_[t].kind == Token::Star) {
            star_t = t++;
            star_s = s;
        } else if (t < tokens_.size() && token_matches(tokens_[t], name[s])) {
            ++t;
            ++s;
        } else if (star_t) {
            t = *star_t + 1;
            s = ++star_s;
        } else {
            return false;
        }
    }
    while (t < tokens_.size() && tokens_[t].kind == Token::Star) ++t;
    return t == tokens_.size();
}

bool fnmatch(std::string_view name, std::string_view pattern) {
    return FnMatchPattern(pattern).matches(name);
}

}  // namespace wb::exporter
