// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <QSettings>
#include <QStringList>
#include <QVariant>

namespace wb::gui {

// Every persisted setting as one typed object; keys and defaults live in one table
// (settings.cpp), so nothing reads QSettings with ad-hoc strings.
class Settings {
public:
    enum class Key { RecentFiles, WindowGeometry, WindowState, ShowMiniMap, LastOpenDir, Language, KeyCount };
    static constexpr int kMaxRecent = 10;

    Settings();
    QVariant value(Key key) const;
    void setValue(Key key, const QVariant& value);

    QStringList recentFiles() const { return value(Key::RecentFiles).toStringList(); }
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    bool showMiniMap() const { return value(Key::ShowMiniMap).toBool(); }
    QString lastOpenDir() const { return value(Key::LastOpenDir).toString(); }
    QString language() const { return value(Key::Language).toString(); }  // "" = follow the locale

private:
    mutable QSettings store_;
};

}  // namespace wb::gui
