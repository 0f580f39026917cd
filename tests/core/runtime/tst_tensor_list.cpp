// SPDX-License-Identifier: Apache-2.0
// The TensorList family against hand-computed TensorFlow semantics (list_ops.cc): lists are
// values (SetItem leaves its input list unchanged), unset items read as zeros of a known
// element shape, Scatter grows the list to the largest index, Split/Concat round-trip with
// int64 lengths, and a While loop writing one item per iteration (the TF2 form of a
// TensorArray) stacks to the expected tensor.
#include <QTest>

#include "graph_builder.h"

using namespace wb;
using namespace wb::test;

namespace {

const ir::AttrMap kFloat = {{"element_dtype", ir::DType::Float32}};
ir::Node unknown_shape(const std::string& name) { return constant(name, scalar_int(-1)); }

}  // namespace

class TstTensorList : public QObject {
    Q_OBJECT
private slots:
    void fromTensorGetItemStackRoundTrip() {
        Graph g({constant("t", floats({3, 2}, {1, 2, 3, 4, 5, 6})), unknown_shape("es"), constant("i", scalar_int(1)),
                 node("list", "TensorListFromTensor", {"t", "es"}, kFloat), node("item", "TensorListGetItem", {"list", "i", "es"}, kFloat),
                 node("len", "TensorListLength", {"list"}), node("stack", "TensorListStack", {"list", "es"}, kFloat),
                 node("shape", "TensorListElementShape", {"list"}, {{"shape_type", ir::DType::Int32}})});
        auto out = g.run({"item", "len", "stack", "shape"});
        expect_values(out[0], ir::Shape{2}, {3, 4});
        expect_values(out[1], ir::Shape{}, {3});
        expect_values(out[2], ir::Shape{3, 2}, {1, 2, 3, 4, 5, 6});
        expect_values(out[3], ir::Shape{1}, {2});
    }
    void reservedItemsReadAsZerosOfTheElementShape() {
        Graph g({constant("es", ints({2}, {2, -1})), constant("n", scalar_int(3)), constant("i", scalar_int(1)),
                 constant("v", floats({2, 1}, {5, 6})), constant("full", ints({2}, {2, 1})),
                 node("list", "TensorListReserve", {"es", "n"}, kFloat), node("set", "TensorListSetItem", {"list", "i", "v"}, kFloat),
                 node("stack", "TensorListStack", {"set", "full"}, kFloat), node("partial", "TensorListStack", {"set", "es"}, kFloat),
                 node("old", "TensorListGetItem", {"list", "i", "full"}, kFloat)});
        auto out = g.run({"stack", "old"});
        expect_values(out[0], ir::Shape{3, 2, 1}, {0, 0, 5, 6, 0, 0});
        expect_values(out[1], ir::Shape{2, 1}, {0, 0});  // SetItem made a new list
        auto partial = g.try_run({"partial"});  // unset items with a partly unknown shape
        QVERIFY(!partial);
        QVERIFY2(partial.error().what().find("not fully known") != std::string::npos, partial.error().what().c_str());
    }
    void pushBackPopBack() {
        Graph g({unknown_shape("es"), constant("max", scalar_int(-1)), constant("a", floats({2}, {1, 2})),
                 constant("b", floats({2}, {3, 4})), node("empty", "EmptyTensorList", {"es", "max"}, kFloat),
                 node("p1", "TensorListPushBack", {"empty", "a"}, kFloat), node("p2", "TensorListPushBack", {"p1", "b"}, kFloat),
                 node("pop", "TensorListPopBack", {"p2", "es"}, kFloat), node("len", "TensorListLength", {"pop:0"}),
                 node("pop_empty", "TensorListPopBack", {"empty", "es"}, kFloat)});
        auto out = g.run({"pop:1", "len"});
        expect_values(out[0], ir::Shape{2}, {3, 4});
        expect_values(out[1], ir::Shape{}, {1});
        QVERIFY(!g.try_run({"pop_empty:1"}));
    }
    void scatterGrowsGatherPicks() {
        Graph g({constant("t", floats({2, 2}, {1, 2, 3, 4})), constant("idx", ints({2}, {3, 0})), constant("es", ints({1}, {2})),
                 constant("n", scalar_int(6)), constant("pick", ints({3}, {3, 0, 1})),
                 node("list", "TensorListScatter", {"t", "idx", "es"}), node("len", "TensorListLength", {"list"}),
                 node("gather", "TensorListGather", {"list", "pick", "es"}, kFloat),
                 node("list2", "TensorListScatterV2", {"t", "idx", "es", "n"}), node("len2", "TensorListLength", {"list2"})});
        auto out = g.run({"len", "gather", "len2"});
        expect_values(out[0], ir::Shape{}, {4});
        expect_values(out[1], ir::Shape{3, 2}, {1, 2, 3, 4, 0, 0});  // list[3] = t[0], list[0] = t[1], list[1] unset
        expect_values(out[2], ir::Shape{}, {6});
    }
    void splitConcatRoundTrip() {
        Graph g({constant("t", floats({3, 2}, {1, 2, 3, 4, 5, 6})), constant("es", ints({2}, {-1, 2})),
                 constant("lengths", tensor<int64_t>(ir::DType::Int64, {2}, {1, 2})), constant("bad", tensor<int64_t>(ir::DType::Int64, {2}, {1, 1})),
                 constant("lead", tensor<int64_t>(ir::DType::Int64, {1}, {0})),
                 node("list", "TensorListSplit", {"t", "es", "lengths"}), node("cat", "TensorListConcatV2", {"list", "es", "lead"}, kFloat),
                 node("second", "TensorListGetItem", {"list", "one", "es"}, kFloat), constant("one", scalar_int(1)),
                 node("bad_split", "TensorListSplit", {"t", "es", "bad"})});
        auto out = g.run({"cat:0", "cat:1", "second"});
        expect_values(out[0], ir::Shape{3, 2}, {1, 2, 3, 4, 5, 6});
        expect_values(out[1], ir::Shape{2}, {1, 2});
        expect_values(out[2], ir::Shape{2, 2}, {3, 4, 5, 6});
        QVERIFY(!g.try_run({"bad_split"}));
    }
    void resizeAndOutOfRangeSetItem() {
        Graph g({constant("es", ints({1}, {1})), constant("n", scalar_int(2)), constant("five", scalar_int(5)),
                 constant("v", floats({1}, {7})), node("list", "TensorListReserve", {"es", "n"}, kFloat),
                 node("big", "TensorListResize", {"list", "five"}), node("len", "TensorListLength", {"big"}),
                 node("set_oob", "TensorListSetItem", {"list", "five", "v"}, kFloat),
                 node("set_grow", "TensorListSetItem", {"list", "five", "v"},
                      {{"element_dtype", ir::DType::Float32}, {"resize_if_index_out_of_bounds", true}}),
                 node("len_grow", "TensorListLength", {"set_grow"})});
        auto out = g.run({"len", "len_grow"});
        expect_values(out[0], ir::Shape{}, {5});
        expect_values(out[1], ir::Shape{}, {6});
        auto oob = g.try_run({"set_oob"});
        QVERIFY(!oob);
        QVERIFY2(oob.error().what().find("node 'set_oob'") != std::string::npos, oob.error().what().c_str());
    }
    void whileLoopWritesOneItemPerIteration() {
        // for i in range(4): list[i] = float(i) * 10  (tf.TensorArray inside tf.function, TF2 form)
        ir::Function cond = function("cond", {"i", "list"},
                                     {constant("n", scalar_int(4)), node("less", "Less", {"i", "n:output:0"})}, {{"p", "less:z:0"}});
        ir::Function body = function(
            "body", {"i", "list"},
            {constant("one", scalar_int(1)), constant("ten", scalar_float(10.f)),
             node("f", "Cast", {"i"}, {{"SrcT", ir::DType::Int32}, {"DstT", ir::DType::Float32}}),
             node("v", "Mul", {"f:y:0", "ten:output:0"}), node("set", "TensorListSetItem", {"list", "i", "v:z:0"}, kFloat),
             node("next", "AddV2", {"i", "one:output:0"})},
            {{"i_out", "next:z:0"}, {"list_out", "set:output_handle:0"}});
        Graph g({constant("i0", scalar_int(0)), constant("es", ints({0}, {})), constant("n", scalar_int(4)),
                 node("list", "TensorListReserve", {"es", "n"}, kFloat),
                 node("loop", "StatelessWhile", {"i0", "list"}, {{"cond", fn_ref("cond")}, {"body", fn_ref("body")}}),
                 node("stack", "TensorListStack", {"loop:1", "es"}, {{"element_dtype", ir::DType::Float32}, {"num_elements", int64_t{4}}})},
                {cond, body});
        expect_values(g.run({"stack"})[0], ir::Shape{4}, {0, 10, 20, 30});
    }
    void nonListInputIsAClearError() {
        Graph g({constant("x", scalar_float(1.f)), node("len", "TensorListLength", {"x"})});
        auto out = g.try_run({"len"});
        QVERIFY(!out);
        QVERIFY2(out.error().what().find("not a TensorList") != std::string::npos, out.error().what().c_str());
    }
};

QTEST_GUILESS_MAIN(TstTensorList)
#include "tst_tensor_list.moc"
