// SPDX-License-Identifier: Apache-2.0
#include "keras_zip.h"

#include <hdf5.h>
#include <sys/stat.h>

#include <array>
#include <fstream>
#include <stdexcept>
#include <tuple>
#include <vector>

namespace wb::test {
namespace {

std::uint32_t crc32(const std::string& bytes) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>(v & 0xFF);
    out += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v & 0xFFFF);
    put16(out, v >> 16);
}

// The fields local and central headers share, from "version needed" to "extra length".
void common_fields(std::string& out, const ZipEntry& e, std::uint32_t crc, std::uint32_t stored) {
    put16(out, 20);                              // version needed: 2.0
    put16(out, 0);                               // flags
    put16(out, e.deflate ? 8 : 0);               // method
    put16(out, 0), put16(out, 0x21);             // 1980-01-01 00:00
    put32(out, crc);
    put32(out, stored);
    put32(out, e.declared_size.value_or(static_cast<std::uint32_t>(e.data.size())));
    put16(out, static_cast<std::uint32_t>(e.name.size()));
    put16(out, 0);                               // extra length
}

std::string h5_weights_image(int inputs, int units) {
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_core(fapl, 4096, 0);  // in memory, never written to disk
    hid_t f = H5Fcreate("tiny_weights.h5", H5F_ACC_TRUNC, H5P_DEFAULT, fapl);
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t vars = H5Gcreate2(f, "layers/dense/vars", lcpl, H5P_DEFAULT, H5P_DEFAULT);
    std::vector<float> kernel(static_cast<std::size_t>(inputs * units)), bias(static_cast<std::size_t>(units));
    for (std::size_t i = 0; i < kernel.size(); ++i) kernel[i] = 0.25f * static_cast<float>(i) - 1.0f;
    for (std::size_t i = 0; i < bias.size(); ++i) bias[i] = 0.5f;
    const hsize_t kdims[2] = {hsize_t(inputs), hsize_t(units)}, bdims[1] = {hsize_t(units)};
    for (auto [name, rank, dims, data] : {std::tuple{"0", 2, kdims, kernel.data()}, {"1", 1, bdims, bias.data()}}) {
        hid_t space = H5Screate_simple(rank, dims, nullptr);
        hid_t d = H5Dcreate2(vars, name, H5T_IEEE_F32LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
        H5Dwrite(d, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
        H5Dclose(d), H5Sclose(space);
    }
    H5Gclose(vars);
    H5Fflush(f, H5F_SCOPE_GLOBAL);
    std::string image(static_cast<std::size_t>(H5Fget_file_image(f, nullptr, 0)), '\0');
    H5Fget_file_image(f, image.data(), image.size());
    H5Fclose(f), H5Pclose(fapl), H5Pclose(lcpl);
    return image;
}

}  // namespace

void write_zip(const std::filesystem::path& file, const std::vector<ZipEntry>& entries) {
    std::string out, central;
    for (const ZipEntry& e : entries) {
        std::string payload = e.data;
        if (e.deflate) {  // one final stored block: 0x01, LEN, ~LEN, bytes
            if (e.data.size() > 0xFFFF) throw std::invalid_argument("write_zip: deflate data over 64 KiB");
            payload.clear();
            payload += '\x01';
            put16(payload, static_cast<std::uint32_t>(e.data.size()));
            put16(payload, static_cast<std::uint32_t>(~e.data.size() & 0xFFFF));
            payload += e.data;
        }
        const std::uint32_t crc = crc32(e.data), offset = static_cast<std::uint32_t>(out.size());
        const auto stored = static_cast<std::uint32_t>(payload.size());
        put32(out, 0x04034b50);
        common_fields(out, e, crc, stored);
        out += e.name + payload;

        put32(central, 0x02014b50);
        put16(central, (3u << 8) | 20);          // made by: unix, 2.0 (external attributes are a mode)
        common_fields(central, e, crc, stored);
        put16(central, 0), put16(central, 0), put16(central, 0);  // comment, disk, internal attributes
        put32(central, std::uint32_t(e.symlink ? (S_IFLNK | 0777) : (S_IFREG | 0644)) << 16);
        put32(central, offset);
        central += e.name;
    }
    const auto cd_offset = static_cast<std::uint32_t>(out.size());
    out += central;
    put32(out, 0x06054b50);
    put16(out, 0), put16(out, 0);
    put16(out, static_cast<std::uint32_t>(entries.size())), put16(out, static_cast<std::uint32_t>(entries.size()));
    put32(out, static_cast<std::uint32_t>(central.size()));
    put32(out, cd_offset);
    put16(out, 0);
    std::ofstream(file, std::ios::binary | std::ios::trunc).write(out.data(), static_cast<std::streamsize>(out.size()));
}

std::vector<ZipEntry> tiny_keras_entries(int inputs, int units) {
    const std::string config =
        R"({"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "layers": [)"
        R"({"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, )" +
        std::to_string(inputs) +
        R"(], "dtype": "float32", "name": "input_layer"}, "registered_name": null},)"
        R"({"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "units": )" +
        std::to_string(units) +
        R"(, "activation": "relu", "use_bias": true}, "registered_name": null}]}, "registered_name": null})";
    const std::string meta = R"({"keras_version": "3.3.3", "date_saved": "2024-05-01@10:00:00"})";
    return {{"metadata.json", meta}, {"config.json", config}, {"model.weights.h5", h5_weights_image(inputs, units)}};
}

std::vector<Mutation> keras_zip_mutations(const std::vector<ZipEntry>& base, const std::string& absolute_probe) {
    std::vector<Mutation> out;
    auto add = [&out](std::string name, std::string expect, std::vector<ZipEntry> entries) {
        out.push_back({std::move(name), [entries](const std::filesystem::path& root) { write_zip(root, entries); },
                       "'" + expect + "'"});
    };
    const std::vector<std::string> escapes = {"../x",   "../../../../tmp/x", "assets/../../x", "..",
                                              "/abs/x", absolute_probe,      "C:/x", "assets\\..\\..\\x"};
    for (const std::string& bad : escapes) {
        auto extra = base;
        extra.push_back({bad, "escaped"});
        add("extra entry '" + bad + "'", bad, extra);
        for (std::size_t k = 0; k < base.size(); ++k) {
            auto renamed = base;
            renamed[k].name = bad;
            add(base[k].name + " renamed '" + bad + "'", bad, renamed);
        }
    }
    for (const auto& [link, target] : {std::pair{"assets/link", "../../../etc/passwd"}, {"x", "/etc/passwd"}}) {
        auto extra = base;
        extra.push_back({link, target, true});
        add(std::string("symlink entry '") + link + "' -> " + target, link, extra);
    }
    for (std::size_t k = 0; k < base.size(); ++k) {
        auto linked = base;
        linked[k] = {base[k].name, "/etc/passwd", true};
        add(base[k].name + " is a symlink to /etc/passwd", base[k].name, linked);

        auto twice = base;
        twice.push_back(base[k]);
        add(base[k].name + " duplicated", base[k].name, twice);
        auto differs = base;
        differs.insert(differs.begin(), {base[k].name, "{\"other\": true}"});
        add(base[k].name + " duplicated with other content first", base[k].name, differs);

        auto bomb = base;
        bomb[k].deflate = true;
        bomb[k].declared_size = 0xFFFFFFFEu;
        add(base[k].name + " deflated, declaring 4 GiB (zip bomb)", base[k].name, bomb);
        auto stored = base;
        stored[k].declared_size = 0xF0000000u;
        add(base[k].name + " stored, declaring 3.75 GiB", base[k].name, stored);
        auto shorter = base;
        shorter[k].declared_size = static_cast<std::uint32_t>(base[k].data.size() / 2);
        add(base[k].name + " declaring half its size", base[k].name, shorter);
    }
    return out;
}

}  // namespace wb::test
