// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QLabel>
#include <QMetaObject>
#include <QProgressBar>
#include <QString>

#include <atomic>

#include "util/progress.h"

namespace wb::views {

// A wb::Progress for work running off the UI thread: each report is queued to `owner`'s thread,
// which moves `bar` (range 0..1000) and shows the stage in `label`; `stop` is the cancel flag.
inline Progress queued_progress(QObject* owner, QProgressBar* bar, QLabel* label, const std::atomic<bool>* stop) {
    return Progress{[owner, bar, label](double f, const std::string& stage) {
                        const QString text = QString::fromStdString(stage);
                        QMetaObject::invokeMethod(owner, [bar, label, f, text] {
                            bar->setValue(qRound(f * 1000));
                            label->setText(text);
                        }, Qt::QueuedConnection);
                    },
                    stop};
}

}  // namespace wb::views
