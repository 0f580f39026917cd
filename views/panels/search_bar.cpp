// SPDX-License-Identifier: Apache-2.0
#include "views/panels/search_bar.h"

#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include "views/panels/search_query.h"

namespace wb::views {

SearchBar::SearchBar(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    edit_ = new QLineEdit(this);
    edit_->setClearButtonEnabled(true);
    edit_->setPlaceholderText(tr("Search nodes: name, op, /regex/, op:Conv2D, dtype:int64, unsupported:tfjs"));
    edit_->setToolTip(tr("Terms separated by spaces must all match.\n"
                         "text: name or op contains it\nop:NAME  dtype:TYPE  name:TEXT  re:REGEX or /REGEX/\n"
                         "unsupported:tfjs  unsupported:runtime\nEnter: next match, Shift+Enter: previous match"));
    prev_ = new QToolButton(this);
    prev_->setArrowType(Qt::UpArrow);
    prev_->setToolTip(tr("Previous match (Shift+F3)"));
    next_ = new QToolButton(this);
    next_->setArrowType(Qt::DownArrow);
    next_->setToolTip(tr("Next match (F3)"));
    status_ = new QLabel(this);
    status_->setMinimumWidth(110);
    layout->addWidget(edit_, 1);
    layout->addWidget(prev_);
    layout->addWidget(next_);
    layout->addWidget(status_);
    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(200);
    connect(debounce_, &QTimer::timeout, this, &SearchBar::runSearch);
    connect(edit_, &QLineEdit::textChanged, debounce_, qOverload<>(&QTimer::start));
    connect(edit_, &QLineEdit::returnPressed, this, [this] {
        if (debounce_->isActive()) { debounce_->stop(); runSearch(); return; }
        if (QGuiApplication::keyboardModifiers() & Qt::ShiftModifier) previous(); else next();
    });
    connect(prev_, &QToolButton::clicked, this, &SearchBar::previous);
    connect(next_, &QToolButton::clicked, this, &SearchBar::next);
    updateStatus();
}

void SearchBar::setIndex(std::shared_ptr<const GraphIndex> index) {
    index_ = std::move(index);
    hits_.clear();
    current_ = -1;
    if (!edit_->text().isEmpty()) runSearch();
    updateStatus();
}

void SearchBar::setQuery(const QString& text) {
    QSignalBlocker block(edit_);
    edit_->setText(text);
    debounce_->stop();
    runSearch();
}

void SearchBar::focusSearch() {
    edit_->setFocus(Qt::ShortcutFocusReason);
    edit_->selectAll();
}

void SearchBar::runSearch() {
    hits_.clear();
    current_ = -1;
    if (!index_) return updateStatus();
    const auto query = SearchQuery::parse(edit_->text());
    if (!query.valid()) return updateStatus(query.error());
    hits_ = query.run(*index_);
    if (!hits_.empty()) show(0);
    else updateStatus();
}

void SearchBar::next() {
    if (!hits_.empty()) show((current_ + 1) % static_cast<int>(hits_.size()));
}

void SearchBar::previous() {
    if (!hits_.empty()) show((current_ - 1 + static_cast<int>(hits_.size())) % static_cast<int>(hits_.size()));
}

void SearchBar::show(int position) {
    current_ = position;
    updateStatus();
    emit nodeActivated(hits_[static_cast<std::size_t>(position)]);
}

void SearchBar::updateStatus(const QString& error) {
    prev_->setEnabled(hits_.size() > 1);
    next_->setEnabled(hits_.size() > 1);
    if (!error.isEmpty()) {
        status_->setText(QStringLiteral("<span style='color:#d32f2f'>%1</span>").arg(error.toHtmlEscaped()));
        return;
    }
    if (edit_->text().trimmed().isEmpty()) status_->clear();
    else if (hits_.empty()) status_->setText(tr("No matches"));
    else status_->setText(tr("%1 of %2").arg(current_ + 1).arg(hits_.size()));
}

}  // namespace wb::views
