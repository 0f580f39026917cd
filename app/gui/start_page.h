// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QWidget>

class QListWidget;
class QPushButton;

namespace wb::gui {

// What the window shows before a model is open: open, open sample, and recent files.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);
    void setRecentFiles(const QStringList& files);
    void setSampleAvailable(bool available);

signals:
    void openRequested();
    void sampleRequested();
    void fileRequested(const QString& path);

private:
    QListWidget* recent_;
    QPushButton* sample_;
};

}  // namespace wb::gui
