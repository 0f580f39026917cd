// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>
#include <memory>
#include <vector>

class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

namespace wb::views {

class GraphIndex;

// Search by name, op, regex or structured filters (see SearchQuery), with next/previous.
// Emits nodeActivated for the current hit; the owner focuses it on the graph.
class SearchBar : public QWidget {
    Q_OBJECT
public:
    explicit SearchBar(QWidget* parent = nullptr);
    void setIndex(std::shared_ptr<const GraphIndex> index);
    void setQuery(const QString& text);  // runs the search at once (no debounce)
    const std::vector<int>& hits() const { return hits_; }
    int current() const { return current_; }
    QLineEdit* lineEdit() const { return edit_; }

public slots:
    void next();
    void previous();
    void focusSearch();

signals:
    void nodeActivated(int node);

private:
    void runSearch();
    void show(int position);
    void updateStatus(const QString& error = {});

    std::shared_ptr<const GraphIndex> index_;
    QLineEdit* edit_;
    QToolButton* prev_;
    QToolButton* next_;
    QLabel* status_;
    QTimer* debounce_;
    std::vector<int> hits_;
    int current_ = -1;
};

}  // namespace wb::views
