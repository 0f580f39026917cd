# SPDX-License-Identifier: Apache-2.0
# cmake -DIN=<json> -DOUT=<cpp> -DSYMBOL=<name> -P embed.cmake
# Compiles a JSON data file into the core as a string_view, so op knowledge ships inside the
# binary and is never read from disk at run time.
file(READ "${IN}" content)
file(WRITE "${OUT}.tmp"
  "// Generated from ${IN} by resources/ops/embed.cmake; do not edit.\n"
  "#include <string_view>\n"
  "namespace wb::analysis {\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL} = R\"wbjson(${content})wbjson\";\n"
  "}\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
