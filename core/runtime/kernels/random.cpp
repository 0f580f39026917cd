// SPDX-License-Identifier: Apache-2.0
// Seeded random ops reproduce TensorFlow's CPU streams: Philox4x32-10 keyed by (seed, seed2),
// one 128-bit block per 4 float32 / 2 float64 samples, TF's bit-to-float conversion and
// Box-Muller for normals. The kernel object keeps its generator across runs, as TF's does.
// With seed = seed2 = 0 TensorFlow draws a random seed, so no exact match is possible.
#include <array>
#include <cmath>
#include <cstring>
#include <string>

#include "runtime/kernels/kernel_util.h"

namespace wb::runtime {

namespace {

class Philox {
public:
    Philox(uint64_t seed_lo, uint64_t seed_hi) {
        key_ = {static_cast<uint32_t>(seed_lo), static_cast<uint32_t>(seed_lo >> 32)};
        counter_ = {0, 0, static_cast<uint32_t>(seed_hi), static_cast<uint32_t>(seed_hi >> 32)};
    }
    std::array<uint32_t, 4> next() {
        auto c = counter_;
        auto k = key_;
        for (int round = 0; round < 10; ++round) {
            const uint64_t p0 = uint64_t{0xD2511F53} * c[0], p1 = uint64_t{0xCD9E8D57} * c[2];
            c = {static_cast<uint32_t>(p1 >> 32) ^ c[1] ^ k[0], static_cast<uint32_t>(p1),
                 static_cast<uint32_t>(p0 >> 32) ^ c[3] ^ k[1], static_cast<uint32_t>(p0)};
            k[0] += 0x9E3779B9;
            k[1] += 0xBB67AE85;
        }
        for (int i = 0; i < 4 && ++counter_[i] == 0; ++i) {}
        return c;
    }

private:
    std::array<uint32_t, 2> key_;
    std::array<uint32_t, 4> counter_;
};

float u32_to_float(uint32_t x) {
    const uint32_t bits = (127u << 23) | (x & 0x7fffffu);
    float f;
    std::memcpy(&f, &bits, 4);
    return f - 1.0f;
}

// TF's Uint64ToDouble(x0, x1): the first word gives the high mantissa bits.
double u64_to_double(uint32_t x0, uint32_t x1) {
    const uint64_t mantissa = ((static_cast<uint64_t>(x0) & 0xfffffu) << 32) | x1;
    const uint64_t bits = (uint64_t{1023} << 52) | mantissa;
    double d;
    std::memcpy(&d, &bits, 8);
    return d - 1.0;
}

class RandomKernel final : public Kernel {
public:
    explicit RandomKernel(const ir::Node& node)
        : gen_(static_cast<uint64_t>(ir::attr_int(node.attrs, "seed")), static_cast<uint64_t>(ir::attr_int(node.attrs, "seed2"))) {}

    Status compute(KernelContext& ctx) override {
        const std::string& op = ctx.node().op;
        ir::Shape shape(ku::ints(ctx.input(0)));
        if (!shape.fully_defined()) return ku::fail(ctx, "shape must be non-negative");
        const ir::DType t = op == "RandomUniformInt" ? ctx.input(1).dtype() : ir::attr_type(ctx.node().attrs, "dtype", ir::DType::Float32);
        ir::Tensor& out = ctx.allocate_output(0, t, shape);
        const int64_t n = out.num_elements();
        if (op == "RandomUniformInt") {
            const int64_t lo = ku::ints(ctx.input(1)).at(0), hi = ku::ints(ctx.input(2)).at(0);
            if (hi <= lo) return ku::fail(ctx, "maxval must be greater than minval");
            const uint64_t range = static_cast<uint64_t>(hi - lo);
            if (t == ir::DType::Int32) {
                for (int64_t i = 0; i < n; i += 4) {
                    auto r = gen_.next();
                    for (int k = 0; k < 4 && i + k < n; ++k)
                        out.data<int32_t>()[i + k] = static_cast<int32_t>(lo + static_cast<int64_t>(r[k] % static_cast<uint32_t>(range)));
                }
            } else {
                for (int64_t i = 0; i < n; i += 2) {
                    auto r = gen_.next();
                    for (int k = 0; k < 2 && i + k < n; ++k) {
                        const uint64_t bits = r[2 * k] | (static_cast<uint64_t>(r[2 * k + 1]) << 32);
                        out.data<int64_t>()[i + k] = lo + static_cast<int64_t>(bits % range);
                    }
                }
            }
            return Ok{};
        }
        const bool normal = op == "RandomStandardNormal";
        const bool wide = t == ir::DType::Float64;
        const int per_block = wide ? 2 : 4;
        std::vector<double> v(static_cast<std::size_t>(n));
        for (int64_t i = 0; i < n; i += per_block) {
            auto r = gen_.next();
            double s[4];
            if (wide) {
                s[0] = u64_to_double(r[0], r[1]);
                s[1] = u64_to_double(r[2], r[3]);
            } else if (t == ir::DType::Float16 && !normal) {  // TF's Uint16ToHalf: 10 mantissa bits
                for (int k = 0; k < 4; ++k) s[k] = ir::half_to_float(static_cast<uint16_t>((15u << 10) | (r[k] & 0x3ffu))) - 1.0f;
            } else if (t == ir::DType::BFloat16 && !normal) {  // 7 mantissa bits
                for (int k = 0; k < 4; ++k) s[k] = ir::bfloat16_to_float(static_cast<uint16_t>((127u << 7) | (r[k] & 0x7fu))) - 1.0f;
            } else {
                for (int k = 0; k < 4; ++k) s[k] = u32_to_float(r[k]);
            }
            if (normal) {  // Box-Muller on pairs
                for (int k = 0; k + 1 < per_block; k += 2) {
                    if (wide) {
                        double u1 = std::max(s[k], 1e-7), v1 = 2.0 * M_PI * s[k + 1], u2 = std::sqrt(-2.0 * std::log(u1));
                        s[k] = std::sin(v1) * u2;
                        s[k + 1] = std::cos(v1) * u2;
                    } else {
                        float u1 = std::max(static_cast<float>(s[k]), 1.0e-7f);
                        float v1 = 2.0f * static_cast<float>(M_PI) * static_cast<float>(s[k + 1]);
                        float u2 = std::sqrt(-2.0f * std::log(u1));
                        s[k] = std::sin(v1) * u2;
                        s[k + 1] = std::cos(v1) * u2;
                    }
                }
            }
            for (int k = 0; k < per_block && i + k < n; ++k) v[i + k] = s[k];
        }
        for (int64_t i = 0; i < n; ++i) {
            switch (t) {
            case ir::DType::Float32: out.data<float>()[i] = static_cast<float>(v[i]); break;
            case ir::DType::Float64: out.data<double>()[i] = v[i]; break;
            case ir::DType::Float16: out.data<uint16_t>()[i] = ir::float_to_half(static_cast<float>(v[i])); break;
            case ir::DType::BFloat16: out.data<uint16_t>()[i] = ir::float_to_bfloat16(static_cast<float>(v[i])); break;
            default: return ku::fail(ctx, ku::dtype_error(t));
            }
        }
        return Ok{};
    }

private:
    Philox gen_;
};

}  // namespace

void register_random_kernels(KernelRegistry& r) {
    for (const char* op : {"RandomUniform", "RandomUniformInt", "RandomStandardNormal"})
        r.add(op, [](const ir::Node& node) { return std::make_unique<RandomKernel>(node); });
}

}  // namespace wb::runtime
