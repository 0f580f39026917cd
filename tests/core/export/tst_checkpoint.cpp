// SPDX-License-Identifier: Apache-2.0
// The tensor-bundle reader on real checkpoints (values from tfjs/expected-values.json formulas)
// and on damaged copies: a flipped byte must be caught by the block or tensor CRC32C.
#include <QTest>

#include <fstream>
#include <sstream>

#include "common/corpus.h"
#include "formats/checkpoint/crc32c.h"
#include "formats/checkpoint/sstable.h"
#include "formats/checkpoint/tensor_bundle.h"

using namespace wb;
using namespace wb::formats::checkpoint;
namespace fs = std::filesystem;

namespace {
const char* kHalfPlusTwo = "saved_models/tf-serving/servables/tensorflow/testdata/saved_model_half_plus_two_cpu/00000123";

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private slots:
    void crc32cKnownValue() {
        // RFC 3720 B.4: CRC-32C of 32 zero bytes is 0x8a9136aa; "123456789" is 0xe3069283.
        std::string zeros(32, '\0');
        QCOMPARE(crc32c(zeros.data(), zeros.size()), 0x8a9136aau);
        QCOMPARE(crc32c("123456789", 9), 0xe3069283u);
        QCOMPARE(crc32c_unmask(crc32c_mask(0x12345678u)), 0x12345678u);
    }
    void halfPlusTwoValues() {  // y = a*x + b with a = 0.5, b = 2 (and c = 3 for regress_x_to_y2)
        WB_REQUIRE_CORPUS();
        auto b = TensorBundle::open(test::corpus_dir() / kHalfPlusTwo / "variables" / "variables");
        QVERIFY2(b.ok(), b.ok() ? "" : b.error().what().c_str());
        QCOMPARE(b->read("a")->data<float>()[0], 0.5f);
        QCOMPARE(b->read("b")->data<float>()[0], 2.0f);
        QCOMPARE(b->read("c")->data<float>()[0], 3.0f);
        auto missing = b->read("nope");
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().item.find("nope") != std::string::npos);
    }
    void tf2ObjectGraphAndValue() {  // times_three: v = 3
        WB_REQUIRE_CORPUS();
        auto b = TensorBundle::open(test::corpus_dir() / "saved_models/tfjs-node/times_three_float/variables/variables");
        QVERIFY(b.ok());
        QVERIFY(b->contains(TensorBundle::kObjectGraphKey));
        QCOMPARE(b->read("v/.ATTRIBUTES/VARIABLE_VALUE")->data<float>()[0], 3.0f);
    }
    void corruptedIndexIsRejected() {
        WB_REQUIRE_CORPUS();
        std::string bytes = slurp(test::corpus_dir() / kHalfPlusTwo / "variables" / "variables.index");
        bytes[3] ^= 0x40;  // inside the first data block
        auto r = parse_sstable(bytes, "variables.index");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("checksum") != std::string::npos, r.error().what().c_str());
        std::string truncated = bytes.substr(0, 20);
        QVERIFY(!parse_sstable(truncated, "x").ok());
        std::string bad_magic = slurp(test::corpus_dir() / kHalfPlusTwo / "variables" / "variables.index");
        bad_magic.back() ^= 1;
        auto m = parse_sstable(bad_magic, "x");
        QVERIFY(!m.ok());
        QVERIFY(m.error().message.find("magic") != std::string::npos);
    }
    void corruptedDataIsRejected() {
        WB_REQUIRE_CORPUS();
        const auto src = test::corpus_dir() / kHalfPlusTwo / "variables";
        const auto dir = test::temp_dir("ckpt");
        for (const auto& e : fs::directory_iterator(src)) fs::copy_file(e.path(), dir / e.path().filename());
        auto data = dir / "variables.data-00000-of-00001";
        std::string bytes = slurp(data);
        for (auto& ch : bytes) ch ^= 0x01;
        std::ofstream(data, std::ios::binary | std::ios::trunc) << bytes;
        auto b = TensorBundle::open(dir / "variables");
        QVERIFY(b.ok());
        auto r = b->read("a");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().message.find("CRC32C") != std::string::npos, r.error().what().c_str());
    }
};

QTEST_GUILESS_MAIN(TestCheckpoint)
#include "tst_checkpoint.moc"
