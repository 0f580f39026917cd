// SPDX-License-Identifier: Apache-2.0
#include "start_page.h"

#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace wb::gui {

StartPage::StartPage(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("startPage"));
    setStyleSheet(QStringLiteral(
        "#startPage { background: #f6f8fa; }"
        "QLabel#title { font-size: 22pt; font-weight: 600; color: #1f2328; }"
        "QLabel#subtitle { font-size: 11pt; color: #57606a; }"
        "QLabel#section { font-size: 11pt; font-weight: 600; color: #1f2328; margin-top: 12px; }"
        "QPushButton { padding: 8px 18px; font-size: 10.5pt; }"
        "QListWidget { background: white; border: 1px solid #d0d7de; border-radius: 6px; font-size: 10pt; }"
        "QListWidget::item { padding: 6px; }"));
    auto* outer = new QHBoxLayout(this);
    auto* column = new QVBoxLayout;
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);
    auto* title = new QLabel(tr("TensorFlow.js Workbench"), this);
    title->setObjectName(QStringLiteral("title"));
    auto* subtitle = new QLabel(tr("Open a TensorFlow or Keras model to see its graph and every op TensorFlow.js cannot run."), this);
    subtitle->setObjectName(QStringLiteral("subtitle"));
    subtitle->setWordWrap(true);
    auto* buttons = new QHBoxLayout;
    auto* open = new QPushButton(tr("Open model…"), this);
    open->setDefault(true);
    open->setToolTip(tr("Open a frozen GraphDef, SavedModel, Keras or TensorFlow.js model (Ctrl+O)"));
    sample_ = new QPushButton(tr("Open sample model"), this);
    sample_->setToolTip(tr("A small CNN built with this project, with one op TensorFlow.js cannot run"));
    buttons->addWidget(open);
    buttons->addWidget(sample_);
    buttons->addStretch(1);
    auto* recent_title = new QLabel(tr("Recent files"), this);
    recent_title->setObjectName(QStringLiteral("section"));
    recent_ = new QListWidget(this);
    recent_->setToolTip(tr("Double-click to open"));
    auto* hint = new QLabel(tr("You can also drop a model file anywhere on this window."), this);
    hint->setObjectName(QStringLiteral("subtitle"));
    column->addStretch(1);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(14);
    column->addLayout(buttons);
    column->addWidget(recent_title);
    column->addWidget(recent_, 2);
    column->addWidget(hint);
    column->addStretch(1);
    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(sample_, &QPushButton::clicked, this, &StartPage::sampleRequested);
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit fileRequested(item->data(Qt::UserRole).toString());
    });
}

void StartPage::setRecentFiles(const QStringList& files) {
    recent_->clear();
    for (const QString& path : files) {
        auto* item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QFileInfo(path).fileName(), path), recent_);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
        if (!QFileInfo::exists(path)) item->setForeground(Qt::gray);
    }
    if (files.isEmpty()) {
        auto* item = new QListWidgetItem(tr("No recent files yet."), recent_);
        item->setFlags(Qt::NoItemFlags);
    }
}

void StartPage::setSampleAvailable(bool available) {
    sample_->setEnabled(available);
    if (!available) sample_->setToolTip(tr("The sample model was not built (target wb_make_sample)"));
}

}  // namespace wb::gui
