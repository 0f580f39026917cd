// SPDX-License-Identifier: Apache-2.0
// weights_writer against the spec's vectors (§2.4, §4): byte encodings, dtype conversion,
// shard boundaries and manifest key order.
#include <QTest>

#include <fstream>
#include <sstream>

#include "common/corpus.h"
#include "export/weights_writer.h"

using namespace wb;
using namespace wb::exporter;

namespace {

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string hex(const std::vector<std::byte>& b) {
    static const char* d = "0123456789abcdef";
    std::string out;
    for (auto x : b) out += std::string{d[int(x) >> 4], d[int(x) & 15]};
    return out;
}

WeightEntry entry(std::string name, ir::Tensor t) { return {std::move(name), std::move(t), std::nullopt, {}}; }

}  // namespace

class TestWeightsWriter : public QObject {
    Q_OBJECT
private slots:
    void boolVector() {  // spec §2.4: [T,F,T] → 01 00 01
        auto t = ir::Tensor::from_vector<uint8_t>(ir::DType::Bool, ir::Shape{3}, {1, 0, 7});
        auto conv = auto_convert_weight("b", t);
        QVERIFY(conv.ok());
        QCOMPARE(hex(serialize_weight(entry("b", *conv))), std::string("010001"));
    }
    void stringVector() {  // spec §2.4: [b"ab", b"", "é"] → 02000000 6162 00000000 02000000 c3a9
        auto t = ir::Tensor::from_strings(ir::Shape{3}, {"ab", "", "\xc3\xa9"});
        QCOMPARE(hex(serialize_weight(entry("s", t))), std::string("02000000616200000000" "02000000c3a9"));
        auto empty = ir::Tensor::from_strings(ir::Shape{0}, {});
        QVERIFY(serialize_weight(entry("e", empty)).empty());
    }
    void dtypeConversion() {
        auto d = auto_convert_weight("d", ir::Tensor::from_vector<double>(ir::DType::Float64, ir::Shape{2}, {1.5, -2.25}));
        QVERIFY(d.ok());
        QCOMPARE(d->dtype(), ir::DType::Float32);
        QCOMPARE(d->data<float>()[1], -2.25f);
        auto i = auto_convert_weight("i", ir::Tensor::from_vector<int64_t>(ir::DType::Int64, ir::Shape{2}, {7, (1ll << 32) + 5}));
        QVERIFY(i.ok());
        QCOMPARE(i->dtype(), ir::DType::Int32);
        QCOMPARE(i->data<int32_t>()[0], 7);
        QCOMPARE(i->data<int32_t>()[1], 5);  // silent truncation, as the converter's astype(int32)
        auto h = auto_convert_weight("h", ir::Tensor::from_vector<uint16_t>(ir::DType::Float16, ir::Shape{2}, {0x3c00, 0xc000}));
        QVERIFY(h.ok());
        QCOMPARE(h->dtype(), ir::DType::Float32);
        QCOMPARE(h->data<float>()[0], 1.0f);
        QCOMPARE(h->data<float>()[1], -2.0f);
        auto bad = auto_convert_weight("r", ir::Tensor(ir::DType::UInt64, ir::Shape{1}));
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.find("Error dumping weight r, dtype uint64 not supported.") != std::string::npos);
    }
    void shardingBoundaries() {
        // 3 weights of 12 + 8 + 4 = 24 bytes with 10-byte shards: 3 files (10, 10, 4); the first
        // weight straddles shards 1 and 2, the second straddles 2 and 3.
        auto dir = test::temp_dir("weights_shards");
        std::vector<WeightGroup> groups(1);
        groups[0].entries.push_back(entry("a", ir::Tensor::from_vector<float>(ir::DType::Float32, ir::Shape{3}, {1, 2, 3})));
        groups[0].entries.push_back(entry("b", ir::Tensor::from_vector<int32_t>(ir::DType::Int32, ir::Shape{2}, {4, 5})));
        groups[0].entries.push_back(entry("c", ir::Tensor::scalar<float>(ir::DType::Float32, 6.f)));
        WeightsWriteOptions opt;
        opt.shard_size_bytes = 10;
        auto manifest = write_weights(groups, dir, opt);
        QVERIFY2(manifest.ok(), manifest.ok() ? "" : manifest.error().what().c_str());
        const auto& paths = (*manifest)[0]["paths"];
        QCOMPARE(paths.size(), std::size_t(3));
        QCOMPARE(paths[0].get<std::string>(), std::string("group1-shard1of3.bin"));
        QCOMPARE(paths[2].get<std::string>(), std::string("group1-shard3of3.bin"));
        std::string all;
        for (const auto& p : paths) all += slurp(dir / p.get<std::string>());
        QCOMPARE(slurp(dir / "group1-shard1of3.bin").size(), std::size_t(10));
        QCOMPARE(slurp(dir / "group1-shard2of3.bin").size(), std::size_t(10));
        QCOMPARE(slurp(dir / "group1-shard3of3.bin").size(), std::size_t(4));
        float f[3];
        std::memcpy(f, all.data(), 12);
        QCOMPARE(f[2], 3.f);
        int32_t i[2];
        std::memcpy(i, all.data() + 12, 8);
        QCOMPARE(i[1], 5);
        // Manifest entry keys in the converter's order: name, shape, dtype.
        QCOMPARE((*manifest)[0]["weights"][2].dump(), std::string(R"({"name":"c","shape":[],"dtype":"float32"})"));
        QCOMPARE((*manifest)[0].begin().key(), std::string("paths"));
    }
    void exactMultipleAndEmpty() {
        auto dir = test::temp_dir("weights_exact");
        std::vector<WeightGroup> groups(2);
        groups[0].entries.push_back(entry("x", ir::Tensor::from_vector<float>(ir::DType::Float32, ir::Shape{2}, {1, 2})));
        WeightsWriteOptions opt;
        opt.shard_size_bytes = 4;
        auto manifest = write_weights(groups, dir, opt);
        QVERIFY(manifest.ok());
        QCOMPARE((*manifest)[0]["paths"].size(), std::size_t(2));  // 8 bytes / 4: no empty third shard
        QVERIFY((*manifest)[1]["paths"].empty());                   // a group with 0 bytes has no files
        QVERIFY(!std::filesystem::exists(dir / "group2-shard1of1.bin"));
    }
    void duplicateNamesAndBadShardSize() {
        auto dir = test::temp_dir("weights_dup");
        std::vector<WeightGroup> groups(1);
        groups[0].entries.push_back(entry("w", ir::Tensor::scalar<float>(ir::DType::Float32, 1.f)));
        groups[0].entries.push_back(entry("w", ir::Tensor::scalar<float>(ir::DType::Float32, 2.f)));
        auto dup = write_weights(groups, dir);
        QVERIFY(!dup.ok());
        QVERIFY(dup.error().message.find("duplicate weight name w") != std::string::npos);
        WeightsWriteOptions opt;
        opt.shard_size_bytes = 0;
        QVERIFY(!write_weights(groups, dir, opt).ok());
    }
};

QTEST_GUILESS_MAIN(TestWeightsWriter)
#include "tst_weights_writer.moc"
