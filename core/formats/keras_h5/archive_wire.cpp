// SPDX-License-Identifier: Apache-2.0
#include "formats/keras_h5/archive_wire.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace wb::formats::keras::wire {
namespace {

constexpr uint32_t kMagic = 0x35484257;  // "WBH5"
enum : uint8_t { kOk = 0, kError = 1 };

// Appends to a string; the encoder is written once against it and sized before it is sent.
class Out {
public:
    void bytes(const void* p, std::size_t n) { buf_.append(static_cast<const char*>(p), n); }
    template <class T> void pod(T v) { bytes(&v, sizeof v); }
    void str(std::string_view s) {
        pod<uint64_t>(s.size());
        bytes(s.data(), s.size());
    }
    void opt(const std::optional<std::string>& s) {
        pod<uint8_t>(s ? 1 : 0);
        if (s) str(*s);
    }
    std::string take() { return std::move(buf_); }

private:
    std::string buf_;
};

// Reads with bounds checks; any overrun latches `bad` and yields zeros / empty strings.
class In {
public:
    explicit In(std::string_view d) : d_(d) {}
    bool bad() const { return bad_; }
    bool done() const { return !bad_ && pos_ == d_.size(); }
    std::string_view take(uint64_t n) {
        if (bad_ || n > d_.size() - pos_) { bad_ = true; return {}; }
        auto s = d_.substr(pos_, n);
        pos_ += n;
        return s;
    }
    template <class T> T pod() {
        T v{};
        auto s = take(sizeof v);
        if (!bad_) std::memcpy(&v, s.data(), sizeof v);
        return v;
    }
    std::string str() { return std::string(take(pod<uint64_t>())); }
    std::optional<std::string> opt() {
        if (pod<uint8_t>() == 0) return std::nullopt;
        return str();
    }
    // A count of items each at least `min_bytes` long: never larger than what is left.
    uint64_t count(uint64_t min_bytes) {
        uint64_t n = pod<uint64_t>();
        if (n > (d_.size() - pos_) / min_bytes) bad_ = true;
        return bad_ ? 0 : n;
    }

private:
    std::string_view d_;
    std::size_t pos_ = 0;
    bool bad_ = false;
};

void encode_tensor(Out& o, const ir::Tensor& t) {
    o.pod<int32_t>(static_cast<int32_t>(t.dtype()));
    o.pod<uint32_t>(static_cast<uint32_t>(t.shape().rank()));
    for (int64_t d : t.shape().dims) o.pod<int64_t>(d);
    o.str(std::string_view(reinterpret_cast<const char*>(t.raw()), t.byte_size()));
}

std::optional<ir::Tensor> decode_tensor(In& in) {
    const auto dtype = static_cast<ir::DType>(in.pod<int32_t>());
    const uint32_t rank = in.pod<uint32_t>();
    if (in.bad() || rank > 32 || ir::dtype_size(dtype) == 0) return std::nullopt;
    std::vector<int64_t> dims(rank);
    for (auto& d : dims) d = in.pod<int64_t>();
    const std::string_view data = in.take(in.pod<uint64_t>());
    ir::Shape shape(std::move(dims));
    const auto n = shape.num_elements();
    if (in.bad() || !n || *n < 0 || uint64_t(*n) != data.size() / ir::dtype_size(dtype) ||
        data.size() % ir::dtype_size(dtype) != 0)
        return std::nullopt;
    return ir::Tensor::from_bytes(dtype, std::move(shape), std::as_bytes(std::span(data.data(), data.size())));
}

bool write_all(int fd, const void* data, std::size_t left) {
    const char* p = static_cast<const char*>(data);
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        p += n;
        left -= std::size_t(n);
    }
    return true;
}

}  // namespace

std::string encode(const Expected<RawArchive>& result) {
    Out o;
    o.pod(kMagic);
    if (!result) {
        o.pod<uint8_t>(kError);
        for (const std::string* s : {&result.error().file, &result.error().item, &result.error().message}) o.str(*s);
        return o.take();
    }
    const RawArchive& a = *result;
    o.pod<uint8_t>(kOk);
    for (const auto* s : {&a.keras_version, &a.backend, &a.model_config, &a.training_config}) o.opt(*s);
    o.pod<uint8_t>(a.weights_only ? 1 : 0);
    o.pod<uint64_t>(a.layer_names.size());
    for (const auto& n : a.layer_names) o.str(n);
    o.pod<uint64_t>(a.layers.size());
    for (const auto& l : a.layers) {
        o.str(l.layer);
        o.pod<uint64_t>(l.weights.size());
        for (const auto& w : l.weights) {
            o.str(w.name);
            encode_tensor(o, w.value);
        }
    }
    return o.take();
}

Expected<RawArchive> decode(std::string_view payload, const std::string& label) {
    const Error garbled{label, "", "the isolated libhdf5 reader returned a damaged result"};
    In in(payload);
    if (in.pod<uint32_t>() != kMagic) return garbled;
    const uint8_t kind = in.pod<uint8_t>();
    if (kind == kError) {
        Error e;
        e.file = in.str();
        e.item = in.str();
        e.message = in.str();
        return in.done() ? Expected<RawArchive>(std::move(e)) : garbled;
    }
    if (kind != kOk) return garbled;
    RawArchive a;
    for (auto* s : {&a.keras_version, &a.backend, &a.model_config, &a.training_config}) *s = in.opt();
    a.weights_only = in.pod<uint8_t>() != 0;
    a.layer_names.resize(in.count(8));
    for (auto& n : a.layer_names) n = in.str();
    a.layers.resize(in.count(16));
    for (auto& l : a.layers) {
        l.layer = in.str();
        l.weights.resize(in.count(8 + 4 + 4 + 8));
        for (auto& w : l.weights) {
            w.name = in.str();
            auto t = decode_tensor(in);
            if (!t) return garbled;
            w.value = std::move(*t);
        }
    }
    if (!in.done()) return garbled;
    return a;
}

bool write_result(int fd, const Expected<RawArchive>& result) {
    const std::string payload = encode(result);
    const uint64_t size = payload.size();
    return write_all(fd, &size, sizeof size) && write_all(fd, payload.data(), payload.size());
}

}  // namespace wb::formats::keras::wire
