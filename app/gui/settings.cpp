// SPDX-License-Identifier: Apache-2.0
#include "settings.h"

#include <QDir>
#include <array>

namespace wb::gui {
namespace {
struct Entry {
    Settings::Key key;
    const char* name;
    QVariant fallback;
};

// The one table of settings: key, storage name, default.
const std::array<Entry, static_cast<std::size_t>(Settings::Key::KeyCount)>& table() {
    static const std::array<Entry, static_cast<std::size_t>(Settings::Key::KeyCount)> entries{{
        {Settings::Key::RecentFiles, "files/recent", QStringList{}},
        {Settings::Key::WindowGeometry, "window/geometry", QByteArray{}},
        {Settings::Key::WindowState, "window/state", QByteArray{}},
        {Settings::Key::ShowMiniMap, "graph/minimap", true},
        {Settings::Key::LastOpenDir, "files/last_dir", QDir::homePath()},
        {Settings::Key::Language, "ui/language", QString{}},
    }};
    return entries;
}
const Entry& entry(Settings::Key key) { return table()[static_cast<std::size_t>(key)]; }
}  // namespace

Settings::Settings() : store_(QStringLiteral("tfjs-workbench"), QStringLiteral("tfjs-workbench")) {}

QVariant Settings::value(Key key) const {
    const Entry& e = entry(key);
    return store_.value(QLatin1String(e.name), e.fallback);
}

void Settings::setValue(Key key, const QVariant& value) { store_.setValue(QLatin1String(entry(key).name), value); }

void Settings::addRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent) files.removeLast();
    setValue(Key::RecentFiles, files);
}

void Settings::removeRecentFile(const QString& path) {
    QStringList files = recentFiles();
    files.removeAll(path);
    setValue(Key::RecentFiles, files);
}

}  // namespace wb::gui
