// SPDX-License-Identifier: Apache-2.0
#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTimer>
#include <QTranslator>
#include <cstring>

#include "bench_mode.h"
#include "main_window.h"
#include "settings.h"
#include "util/huge_page_heap.h"
#include "views/graph/graph_scene.h"
#include "views/panels/search_bar.h"

namespace {

// Benchmarks and screenshots need no display: choose the offscreen platform before Qt starts.
void use_offscreen_for_batch_modes(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--bench-open") || !std::strcmp(argv[i], "--screenshot"))
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
}

// Our strings from :/i18n (compiled in by qt_add_translations), Qt's own from the system.
void install_translators(QApplication& app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale() : QLocale(language);
    auto* ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("tfjs-workbench"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(ours);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

}  // namespace

int main(int argc, char** argv) {
    wb::restart_with_huge_page_heap(argv);
    use_offscreen_for_batch_modes(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("tfjs-workbench"));
    QApplication::setApplicationVersion(QStringLiteral(WB_VERSION));
    QApplication::setOrganizationName(QStringLiteral("tfjs-workbench"));

    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("model"), QApplication::translate("main", "Model file to open."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Open the model, save a picture of the window to <file> and exit."), QStringLiteral("file"));
    const QCommandLineOption search(QStringLiteral("search"),
        QApplication::translate("main", "After loading, search for <query> (e.g. unsupported:tfjs)."), QStringLiteral("query"));
    const QCommandLineOption bench(QStringLiteral("bench-open"),
        QApplication::translate("main", "Benchmark opening <model> offscreen; print one JSON line and exit."), QStringLiteral("model"));
    const QCommandLineOption replicate(QStringLiteral("bench-replicate"),
        QApplication::translate("main", "Benchmarks: repeat the graph <n> times (synthetic large graphs)."), QStringLiteral("n"), QStringLiteral("1"));
    const QCommandLineOption language(QStringLiteral("lang"),
        QApplication::translate("main", "User interface language, e.g. es or en."), QStringLiteral("code"));
    const QCommandLineOption size(QStringLiteral("window-size"),
        QApplication::translate("main", "Window size for --screenshot, e.g. 1500x950."), QStringLiteral("WxH"), QStringLiteral("1500x950"));
    parser.addOptions({screenshot, search, bench, replicate, language, size});
    parser.process(app);

    wb::gui::Settings settings;
    install_translators(app, parser.isSet(language) ? parser.value(language) : settings.language());

    wb::gui::MainWindow window;
    if (parser.isSet(bench)) {
        window.resize(1400, 900);
        window.show();
        auto* mode = new wb::gui::BenchMode(window, parser.value(bench), std::max(1, parser.value(replicate).toInt()));
        QTimer::singleShot(0, mode, &wb::gui::BenchMode::start);
        return app.exec();
    }
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(screenshot)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        if (wh.size() == 2) window.resize(wh[0].toInt(), wh[1].toInt());
        const QString file = parser.value(screenshot);
        auto grab = [&window, file] {
            QTimer::singleShot(700, &window, [&window, file] {
                const bool ok = window.grab().save(file);
                QApplication::exit(ok ? 0 : 1);
            });
        };
        if (args.isEmpty()) QTimer::singleShot(0, &window, grab);
        else {
            QObject::connect(&window, &wb::gui::MainWindow::loadFailed, &window, grab);
            QObject::connect(window.scene(), &wb::views::GraphScene::layoutFinished, &window, [&window, grab, query = parser.value(search)] {
                static bool once = false;
                if (std::exchange(once, true)) return;
                // After the window's own first-layout handling (fit), so the hit stays in focus.
                QTimer::singleShot(0, &window, [&window, query] {
                    if (!query.isEmpty()) window.searchBar()->setQuery(query);
                });
                grab();
            });
        }
    } else if (parser.isSet(search) && !args.isEmpty()) {
        QObject::connect(&window, &wb::gui::MainWindow::modelLoaded, &window,
                         [&window, query = parser.value(search)] { window.searchBar()->setQuery(query); });
    }
    window.show();
    if (!args.isEmpty()) window.openFile(args.first());
    return app.exec();
}
