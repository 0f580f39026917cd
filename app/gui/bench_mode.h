// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace wb::gui {

class MainWindow;

// --bench-open MODEL: opens the model in a real (offscreen) window and prints one JSON line:
// first_view_ms (open → first laid-out view painted), layout_ms (layout work on the worker),
// max_ui_stall_ms (longest gap between 5 ms UI-thread ticks, minus the tick), then the time
// to expand the largest collapsed group of at most 1,000 nodes, then "Expand all" (time to every
// node on screen and its own longest stall, expand_all_max_stall_ms, which includes the
// kSettleMs after it: the minimap's redraw and other follow-ups), and the longest stall of the
// whole run, session_max_stall_ms. Exits when done.
class BenchMode : public QObject {
    Q_OBJECT
public:
    BenchMode(MainWindow& window, QString model, int replicate);
    void start();

private:
    void tick();
    void onFirstView();
    void onExpanded();
    void onExpandedAll();
    void finish(int code, const QString& error = {});
    static constexpr int kSettleMs = 500;

    MainWindow& window_;
    QString model_;
    int replicate_;
    QTimer ticker_;
    QElapsedTimer clock_, since_tick_;
    double max_stall_ms_ = 0;
    double session_stall_ms_ = 0;  // never reset
    double first_view_ms_ = -1;
    double layout_ms_ = 0;
    double load_ms_ = 0;
    double expand_start_ = 0;
    double expand_ms_ = -1;
    int expand_group_ = -1;
    int expand_nodes_ = 0;
    int visible_first_view_ = 0;
    int visible_expand_all_ = 0;  // every node, unless Expand all stopped short
    double open_stall_ms_ = 0;  // max stall up to the group expansion
    double expand_all_start_ = -1;
    double expand_all_ms_ = -1;
    bool done_ = false;
};

}  // namespace wb::gui
