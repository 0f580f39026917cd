<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>GroupGraphicsItem</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n nodo</numerusform>
            <numerusform>%n nodos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not runnable in TensorFlow.js</source>
        <translation>
            <numerusform>%n no ejecutable en TensorFlow.js</numerusform>
            <numerusform>%n no ejecutables en TensorFlow.js</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a runtime kernel</source>
        <translation>
            <numerusform>%n sin kernel en el runtime</numerusform>
            <numerusform>%n sin kernel en el runtime</numerusform>
        </translation>
    </message>
    <message>
        <source>Click the title bar to collapse</source>
        <translation>Haga clic en la barra de título para contraer</translation>
    </message>
    <message>
        <source>Click to expand</source>
        <translation>Haga clic para expandir</translation>
    </message>
    <message numerus="yes">
        <source>%1  ·  %n node(s)</source>
        <translation>
            <numerusform>%1  ·  %n nodo</numerusform>
            <numerusform>%1  ·  %n nodos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Model file to open.</source>
        <translation>Archivo de modelo que abrir.</translation>
    </message>
    <message>
        <source>Open the model, save a picture of the window to &lt;file&gt; and exit.</source>
        <translation>Abre el modelo, guarda una imagen de la ventana en &lt;file&gt; y sale.</translation>
    </message>
    <message>
        <source>After loading, search for &lt;query&gt; (e.g. unsupported:tfjs).</source>
        <translation>Tras cargar, busca &lt;query&gt; (p. ej. unsupported:tfjs).</translation>
    </message>
    <message>
        <source>Benchmark opening &lt;model&gt; offscreen; print one JSON line and exit.</source>
        <translation>Mide la apertura de &lt;model&gt; sin pantalla; imprime una línea JSON y sale.</translation>
    </message>
    <message>
        <source>Benchmarks: repeat the graph &lt;n&gt; times (synthetic large graphs).</source>
        <translation>Pruebas de rendimiento: repite el grafo &lt;n&gt; veces (grafos grandes sintéticos).</translation>
    </message>
    <message>
        <source>User interface language, e.g. es or en.</source>
        <translation>Idioma de la interfaz, p. ej. es o en.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1500x950.</source>
        <translation>Tamaño de la ventana para --screenshot, p. ej. 1500x950.</translation>
    </message>
</context>
<context>
    <name>wb::gui::MainWindow</name>
    <message>
        <source>TensorFlow.js Workbench</source>
        <translation>TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>Laying out the graph…</source>
        <translation>Distribuyendo el grafo…</translation>
    </message>
    <message>
        <source>%1 nodes shown · layout %2 ms</source>
        <translation>%1 nodos visibles · distribución %2 ms</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>Resumen del modelo</translation>
    </message>
    <message>
        <source>Unsupported ops</source>
        <translation>Operaciones no soportadas</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Propiedades</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop loading or laying out</source>
        <translation>Detener la carga o la distribución</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelado</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Abriendo %1…</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>Carga cancelada</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>No se pudo abrir %1</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>No se pudo abrir el modelo</translation>
    </message>
    <message>
        <source>The file could not be opened as a model:
%1</source>
        <translation>El archivo no se pudo abrir como modelo:
%1</translation>
    </message>
    <message>
        <source>%1 — TensorFlow.js Workbench</source>
        <translation>%1 — TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Abrir…</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>Abrir un archivo de modelo</translation>
    </message>
    <message>
        <source>Open &amp;sample model</source>
        <translation>Abrir el modelo de &amp;ejemplo</translation>
    </message>
    <message>
        <source>Open the bundled sample CNN</source>
        <translation>Abrir la CNN de ejemplo incluida</translation>
    </message>
    <message>
        <source>Export as &amp;PNG…</source>
        <translation>Exportar como &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the graph as a PNG image</source>
        <translation>Guardar el grafo como imagen PNG</translation>
    </message>
    <message>
        <source>Export as S&amp;VG…</source>
        <translation>Exportar como S&amp;VG…</translation>
    </message>
    <message>
        <source>Save the graph as an SVG drawing</source>
        <translation>Guardar el grafo como dibujo SVG</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>Salir del programa</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>&amp;Acercar</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Acercar</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>A&amp;lejar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Alejar</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>A&amp;justar a la ventana</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>Mostrar el grafo completo</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Tamaño real</translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation>Zoom al 100%</translation>
    </message>
    <message>
        <source>&amp;Expand all groups</source>
        <translation>&amp;Expandir todos los grupos</translation>
    </message>
    <message>
        <source>Open every name-scope group (slow on very large graphs)</source>
        <translation>Abrir todos los grupos de ámbito (lento en grafos muy grandes)</translation>
    </message>
    <message>
        <source>&amp;Collapse all groups</source>
        <translation>&amp;Contraer todos los grupos</translation>
    </message>
    <message>
        <source>Close every name-scope group</source>
        <translation>Cerrar todos los grupos de ámbito</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>&amp;Minimapa</translation>
    </message>
    <message>
        <source>Show or hide the overview</source>
        <translation>Mostrar u ocultar la vista general</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Buscar…</translation>
    </message>
    <message>
        <source>Search nodes by name, op or filter</source>
        <translation>Buscar nodos por nombre, operación o filtro</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>Buscar &amp;siguiente</translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation>Ir a la siguiente coincidencia</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>Buscar &amp;anterior</translation>
    </message>
    <message>
        <source>Go to the previous match</source>
        <translation>Ir a la coincidencia anterior</translation>
    </message>
    <message>
        <source>Find &amp;unsupported ops</source>
        <translation>Buscar operaciones &amp;no soportadas</translation>
    </message>
    <message>
        <source>Search for every node TensorFlow.js cannot run</source>
        <translation>Buscar todos los nodos que TensorFlow.js no puede ejecutar</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Acerca de</translation>
    </message>
    <message>
        <source>About this program</source>
        <translation>Acerca de este programa</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Abrir &amp;reciente</translation>
    </message>
    <message>
        <source>&amp;Graph</source>
        <translation>&amp;Grafo</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Buscar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ay&amp;uda</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>All supported models (%1)</source>
        <translation>Todos los modelos soportados (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Todos los archivos (*)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Abrir modelo</translation>
    </message>
    <message>
        <source>Export as SVG</source>
        <translation>Exportar como SVG</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Exportar como PNG</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>Dibujos SVG (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Imágenes PNG (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Error al exportar</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>About TensorFlow.js Workbench</source>
        <translation>Acerca de TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TensorFlow.js Workbench %1&lt;/h3&gt;&lt;p&gt;Inspect TensorFlow and Keras models, see which ops TensorFlow.js cannot run, convert and benchmark them. No Python needed.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TensorFlow.js Workbench %1&lt;/h3&gt;&lt;p&gt;Inspeccione modelos de TensorFlow y Keras, vea qué operaciones no puede ejecutar TensorFlow.js, conviértalos y mida su rendimiento. Sin necesidad de Python.&lt;/p&gt;&lt;p&gt;Publicado bajo la licencia Apache 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Herramientas</translation>
    </message>
    <message>
        <source>&amp;Benchmark…</source>
        <translation>&amp;Medir rendimiento…</translation>
    </message>
    <message>
        <source>Time the model on the runtime: per-run chart, median/min/p90, memory, per-op profile</source>
        <translation>Medir el modelo en el runtime: gráfico por ejecución, mediana/mín./p90, memoria, perfil por operación</translation>
    </message>
    <message>
        <source>&amp;Quantization comparison…</source>
        <translation>&amp;Comparación de cuantización…</translation>
    </message>
    <message>
        <source>Compare float32 with float16/uint8/uint16 weights, per output and per layer</source>
        <translation>Comparar float32 con pesos float16/uint8/uint16, por salida y por capa</translation>
    </message>
    <message>
        <source>E&amp;xport to TensorFlow.js…</source>
        <translation>E&amp;xportar a TensorFlow.js…</translation>
    </message>
    <message>
        <source>Convert the model to a TensorFlow.js graph model with every converter option</source>
        <translation>Convertir el modelo a un modelo de grafo de TensorFlow.js con todas las opciones del conversor</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <source>Quantization comparison</source>
        <translation>Comparación de cuantización</translation>
    </message>
    <message>
        <source>&amp;Simplification preview…</source>
        <translation>&amp;Vista previa de la simplificación…</translation>
    </message>
    <message>
        <source>Run the converter&apos;s passes with each one switchable and see what they change</source>
        <translation>Ejecutar los pases del conversor, cada uno activable, y ver qué cambian</translation>
    </message>
    <message>
        <source>Simplification preview</source>
        <translation>Vista previa de la simplificación</translation>
    </message>
    <message>
        <source>Function bodies</source>
        <translation>Cuerpos de funciones</translation>
    </message>
    <message>
        <source>The model&apos;s library has no function %1</source>
        <translation>La biblioteca del modelo no tiene la función %1</translation>
    </message>
    <message>
        <source>Open function &amp;body</source>
        <translation>Abrir el &amp;cuerpo de la función</translation>
    </message>
    <message>
        <source>Show the function the selected call node runs (PartitionedCall, While, If, Case…)</source>
        <translation>Mostrar la función que ejecuta el nodo de llamada seleccionado (PartitionedCall, While, If, Case…)</translation>
    </message>
    <message>
        <source>Select a call node (PartitionedCall, While, If, Case…) to open its function body</source>
        <translation>Seleccione un nodo de llamada (PartitionedCall, While, If, Case…) para abrir el cuerpo de su función</translation>
    </message>
</context>
<context>
    <name>wb::gui::ModelLoader</name>
    <message>
        <source>Indexing the graph</source>
        <translation>Indexando el grafo</translation>
    </message>
</context>
<context>
    <name>wb::gui::StartPage</name>
    <message>
        <source>TensorFlow.js Workbench</source>
        <translation>TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>Open a TensorFlow or Keras model to see its graph and every op TensorFlow.js cannot run.</source>
        <translation>Abra un modelo de TensorFlow o Keras para ver su grafo y cada operación que TensorFlow.js no puede ejecutar.</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Abrir modelo…</translation>
    </message>
    <message>
        <source>Open a frozen GraphDef, SavedModel, Keras or TensorFlow.js model (Ctrl+O)</source>
        <translation>Abrir un GraphDef congelado, un SavedModel, un modelo Keras o TensorFlow.js (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open sample model</source>
        <translation>Abrir modelo de ejemplo</translation>
    </message>
    <message>
        <source>A small CNN built with this project, with one op TensorFlow.js cannot run</source>
        <translation>Una pequeña CNN creada por este proyecto, con una operación que TensorFlow.js no puede ejecutar</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Archivos recientes</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>Doble clic para abrir</translation>
    </message>
    <message>
        <source>You can also drop a model file anywhere on this window.</source>
        <translation>También puede soltar un archivo de modelo en cualquier parte de esta ventana.</translation>
    </message>
    <message>
        <source>No recent files yet.</source>
        <translation>Todavía no hay archivos recientes.</translation>
    </message>
    <message>
        <source>The sample model was not built (target wb_make_sample)</source>
        <translation>El modelo de ejemplo no se ha generado (objetivo wb_make_sample)</translation>
    </message>
</context>
<context>
    <name>wb::views::BenchPanel</name>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Hilos:</translation>
    </message>
    <message>
        <source>Worker threads of the session; 0 = all cores</source>
        <translation>Hilos de trabajo de la sesión; 0 = todos los núcleos</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>todos los núcleos</translation>
    </message>
    <message>
        <source>&amp;Runs:</source>
        <translation>&amp;Ejecuciones:</translation>
    </message>
    <message>
        <source>Timed runs behind median, minimum and p90</source>
        <translation>Ejecuciones cronometradas para la mediana, el mínimo y el p90</translation>
    </message>
    <message>
        <source>&amp;Warm-up:</source>
        <translation>&amp;Calentamiento:</translation>
    </message>
    <message>
        <source>Runs before timing starts (the first run is shown apart)</source>
        <translation>Ejecuciones antes de empezar a cronometrar (la primera se muestra aparte)</translation>
    </message>
    <message>
        <source>&amp;Profiled runs:</source>
        <translation>Ejecuciones &amp;perfiladas:</translation>
    </message>
    <message>
        <source>Runs of a separate profiled session for the per-node table; 0 = none</source>
        <translation>Ejecuciones de una sesión perfilada aparte para la tabla por nodo; 0 = ninguna</translation>
    </message>
    <message>
        <source>&amp;Run benchmark</source>
        <translation>&amp;Medir</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;Save results…</source>
        <translation>&amp;Guardar resultados…</translation>
    </message>
    <message>
        <source>Open a model, then run the benchmark.</source>
        <translation>Abra un modelo y después mida su rendimiento.</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
    <message>
        <source>ms / run</source>
        <translation>ms / ejecución</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Parte %</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Preparing inputs…</source>
        <translation>Preparando las entradas…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Benchmark cancelled</source>
        <translation>Medición cancelada</translation>
    </message>
    <message>
        <source>Benchmark failed: %1</source>
        <translation>La medición falló: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>&lt;b&gt;Median&lt;/b&gt; %1 ms · &lt;b&gt;min&lt;/b&gt; %2 ms · &lt;b&gt;p90&lt;/b&gt; %3 ms · mean %4 ms&lt;br&gt;First run %5 ms · session %6 ms · %7 timed runs on %8 threads&lt;br&gt;&lt;b&gt;Peak memory&lt;/b&gt;: activations %9 (live lower bound %10), process RSS %11</source>
        <translation>&lt;b&gt;Mediana&lt;/b&gt; %1 ms · &lt;b&gt;mín.&lt;/b&gt; %2 ms · &lt;b&gt;p90&lt;/b&gt; %3 ms · media %4 ms&lt;br&gt;Primera ejecución %5 ms · sesión %6 ms · %7 ejecuciones cronometradas con %8 hilos&lt;br&gt;&lt;b&gt;Memoria máxima&lt;/b&gt;: activaciones %9 (cota inferior en vivo %10), RSS del proceso %11</translation>
    </message>
    <message>
        <source>Save benchmark results</source>
        <translation>Guardar los resultados de la medición</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV, per node (*.csv)</source>
        <translation>JSON (*.json);;CSV, por nodo (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>No se pudo escribir %1</translation>
    </message>
    <message>
        <source>nothing (one configuration)</source>
        <translation>nada (una configuración)</translation>
    </message>
    <message>
        <source>float16 weights</source>
        <translation>pesos float16</translation>
    </message>
    <message>
        <source>uint8 weights</source>
        <translation>pesos uint8</translation>
    </message>
    <message>
        <source>uint16 weights</source>
        <translation>pesos uint16</translation>
    </message>
    <message>
        <source>simplified graph (converter passes)</source>
        <translation>grafo simplificado (pases del conversor)</translation>
    </message>
    <message>
        <source>Benchmark a second configuration right after, on the same inputs, and show both side by side</source>
        <translation>Medir una segunda configuración justo después, con las mismas entradas, y mostrar ambas lado a lado</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>Comparar &amp;con:</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Cifra</translation>
    </message>
    <message>
        <source>As loaded</source>
        <translation>Tal como se cargó</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>Comparado</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Cociente</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>Preparando %1…</translation>
    </message>
    <message>
        <source>Median ms</source>
        <translation>Mediana ms</translation>
    </message>
    <message>
        <source>Min ms</source>
        <translation>Mín. ms</translation>
    </message>
    <message>
        <source>p90 ms</source>
        <translation>p90 ms</translation>
    </message>
    <message>
        <source>Mean ms</source>
        <translation>Media ms</translation>
    </message>
    <message>
        <source>First run ms</source>
        <translation>Primera ejecución ms</translation>
    </message>
    <message>
        <source>Session ms</source>
        <translation>Sesión ms</translation>
    </message>
    <message>
        <source>Peak activations MiB</source>
        <translation>Pico de activaciones MiB</translation>
    </message>
    <message>
        <source>Profiled nodes</source>
        <translation>Nodos perfilados</translation>
    </message>
    <message>
        <source>&lt;b&gt;Compute&lt;/b&gt;: %1 GFLOP of convolutions and matrix products per run, %2 GFLOPS at the median</source>
        <translation>&lt;b&gt;Cómputo&lt;/b&gt;: %1 GFLOP de convoluciones y productos de matrices por ejecución, %2 GFLOPS en la mediana</translation>
    </message>
    <message>
        <source>GFLOPS (conv/matmul)</source>
        <translation>GFLOPS (conv/matmul)</translation>
    </message>
    <message>
        <source>, %1 of it on huge pages</source>
        <translation>, %1 de ella en páginas enormes (huge pages)</translation>
    </message>
</context>
<context>
    <name>wb::views::ExportDialog</name>
    <message>
        <source>Export to TensorFlow.js</source>
        <translation>Exportar a TensorFlow.js</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>carpeta de salida</translation>
    </message>
    <message>
        <source>serving_default</source>
        <translation>serving_default</translation>
    </message>
    <message>
        <source>serve</source>
        <translation>serve</translation>
    </message>
    <message>
        <source>e.g. Identity,probabilities (frozen graphs)</source>
        <translation>p. ej. Identity,probabilities (grafos congelados)</translation>
    </message>
    <message>
        <source>all weights, or fnmatch patterns: conv*/kernel,dense*</source>
        <translation>todos los pesos, o patrones fnmatch: conv*/kernel,dense*</translation>
    </message>
    <message>
        <source>key:path.json[,key2:path2.json]</source>
        <translation>clave:ruta.json[,clave2:ruta2.json]</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> bytes</translation>
    </message>
    <message>
        <source>Strip debug ops (Assert, CheckNumerics, Print)</source>
        <translation>Quitar operaciones de depuración (Assert, CheckNumerics, Print)</translation>
    </message>
    <message>
        <source>Control flow v2 (keep functional While/If)</source>
        <translation>Flujo de control v2 (conservar While/If funcionales)</translation>
    </message>
    <message>
        <source>Skip the op check</source>
        <translation>Omitir la comprobación de operaciones</translation>
    </message>
    <message>
        <source>Use structured output names</source>
        <translation>Usar nombres de salida estructurados</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Examinar…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Carpeta de salida</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Entrada:</translation>
    </message>
    <message>
        <source>Input &amp;format:</source>
        <translation>&amp;Formato de entrada:</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>Carpeta de &amp;salida:</translation>
    </message>
    <message>
        <source>&amp;Signature:</source>
        <translation>F&amp;irma:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>E&amp;tiquetas:</translation>
    </message>
    <message>
        <source>Output &amp;nodes:</source>
        <translation>&amp;Nodos de salida:</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>&amp;Cuantización:</translation>
    </message>
    <message>
        <source>Shard si&amp;ze:</source>
        <translation>Tama&amp;ño de fragmento:</translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation>&amp;Metadatos:</translation>
    </message>
    <message>
        <source>Cop&amp;y command</source>
        <translation>Cop&amp;iar la orden</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamaño</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>&amp;Convertir</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>C&amp;ancelar</translation>
    </message>
    <message>
        <source>Equivalent command:</source>
        <translation>Orden equivalente:</translation>
    </message>
    <message>
        <source>expects key:path.json entries, got &apos;%1&apos;</source>
        <translation>se esperan entradas clave:ruta.json, se obtuvo &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot read a JSON file</source>
        <translation>no se puede leer un archivo JSON</translation>
    </message>
    <message>
        <source>Choose the input and the output folder.</source>
        <translation>Elija la entrada y la carpeta de salida.</translation>
    </message>
    <message>
        <source>%1 nodes read, %2 written, %3 weights</source>
        <translation>%1 nodos leídos, %2 escritos, %3 pesos</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Aviso: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Exported to %1: %2</source>
        <translation>Exportado a %1: %2</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>Exportación cancelada; no se escribió nada</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>La exportación falló: %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>model file, SavedModel folder or Keras .h5/.keras</source>
        <translation>archivo de modelo, carpeta SavedModel o Keras .h5/.keras</translation>
    </message>
    <message>
        <source>Output forma&amp;t:</source>
        <translation>Forma&amp;to de salida:</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forma</translation>
    </message>
    <message>
        <source>Max abs</source>
        <translation>Máx. abs</translation>
    </message>
    <message>
        <source>Max rel</source>
        <translation>Máx. rel</translation>
    </message>
    <message>
        <source>Export against source on the same random inputs; max rel = max abs / max |source|</source>
        <translation>Exportación frente al origen con las mismas entradas aleatorias; máx. rel = máx. abs / máx. |origen|</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verificar</translation>
    </message>
    <message>
        <source>Reload the export and compare its outputs with the source model&apos;s on the runtime</source>
        <translation>Recargar la exportación y comparar sus salidas con las del modelo de origen en el runtime</translation>
    </message>
    <message>
        <source>A .keras file converts to tfjs_layers_model only (as tensorflowjs_converter).</source>
        <translation>Un archivo .keras solo se convierte a tfjs_layers_model (como en tensorflowjs_converter).</translation>
    </message>
    <message>
        <source>%1 weights in %2 layers</source>
        <translation>%1 pesos en %2 capas</translation>
    </message>
    <message>
        <source>Verification cancelled</source>
        <translation>Verificación cancelada</translation>
    </message>
    <message>
        <source>Verify failed: %1</source>
        <translation>La verificación falló: %1</translation>
    </message>
    <message>
        <source>Verified: the export reproduces the source model (max abs difference %1 over %2 outputs)</source>
        <translation>Verificado: la exportación reproduce el modelo de origen (diferencia abs. máxima %1 en %2 salidas)</translation>
    </message>
    <message>
        <source>Verify: the export differs from the source model (max abs difference %1)</source>
        <translation>Verificación: la exportación difiere del modelo de origen (diferencia abs. máxima %1)</translation>
    </message>
</context>
<context>
    <name>wb::views::FunctionBrowser</name>
    <message>
        <source>The functions of the model&apos;s library (bodies of While, If and call ops)</source>
        <translation>Las funciones de la biblioteca del modelo (cuerpos de While, If y operaciones de llamada)</translation>
    </message>
    <message>
        <source>This model has no function library.</source>
        <translation>Este modelo no tiene biblioteca de funciones.</translation>
    </message>
    <message numerus="yes">
        <source>%n function(s) in the library.</source>
        <translation>
            <numerusform>%n función en la biblioteca.</numerusform>
            <numerusform>%n funciones en la biblioteca.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n node(s), %2 input(s), %3 output(s)</source>
        <translation>
            <numerusform>%1: %n nodo, %2 entrada(s), %3 salida(s)</numerusform>
            <numerusform>%1: %n nodos, %2 entrada(s), %3 salida(s)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::views::GraphExport</name>
    <message>
        <source>the graph is empty</source>
        <translation>el grafo está vacío</translation>
    </message>
    <message>
        <source>could not write the PNG file</source>
        <translation>no se pudo escribir el archivo PNG</translation>
    </message>
    <message>
        <source>Graph exported by tfjs-workbench</source>
        <translation>Grafo exportado por tfjs-workbench</translation>
    </message>
    <message>
        <source>could not write the SVG file</source>
        <translation>no se pudo escribir el archivo SVG</translation>
    </message>
</context>
<context>
    <name>wb::views::GraphView</name>
    <message>
        <source>Open function body “%1”</source>
        <translation>Abrir el cuerpo de la función «%1»</translation>
    </message>
</context>
<context>
    <name>wb::views::HeatLegend</name>
    <message>
        <source>&amp;Heat overlay</source>
        <translation>Mapa de &amp;calor</translation>
    </message>
    <message>
        <source>Colour the graph&apos;s nodes by the chosen result; untick to turn the overlay off</source>
        <translation>Colorear los nodos del grafo según el resultado elegido; desmarque para desactivarlo</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>escala log.</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>lineal</translation>
    </message>
</context>
<context>
    <name>wb::views::HeatOverlay</name>
    <message>
        <source>Quantization RMSE (%1)</source>
        <translation>RMSE de cuantización (%1)</translation>
    </message>
    <message>
        <source>Time per run</source>
        <translation>Tiempo por ejecución</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;worst in group: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;peor del grupo: %2</translation>
    </message>
</context>
<context>
    <name>wb::views::LayerErrorChart</name>
    <message>
        <source>Largest per-layer errors</source>
        <translation>Mayores errores por capa</translation>
    </message>
</context>
<context>
    <name>wb::views::MiniMap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Vista general: haga clic o arrastre para mover la vista</translation>
    </message>
</context>
<context>
    <name>wb::views::NodeGraphicsItem</name>
    <message>
        <source>The bundled runtime has no kernel for this op.</source>
        <translation>El runtime incluido no tiene kernel para esta operación.</translation>
    </message>
    <message>
        <source>Calls %1: double-click (or Enter) to open the body</source>
        <translation>Llama a %1: doble clic (o Intro) para abrir el cuerpo</translation>
    </message>
</context>
<context>
    <name>wb::views::OpHistogramModel</name>
    <message>
        <source>Supported</source>
        <translation>Soportada</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>No soportada</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>No kernel</source>
        <translation>Sin kernel</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Cantidad</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>TensorFlow.js</source>
        <translation>TensorFlow.js</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
</context>
<context>
    <name>wb::views::OpStyle</name>
    <message>
        <source>unknown to TensorFlow.js</source>
        <translation>desconocida para TensorFlow.js</translation>
    </message>
    <message>
        <source>TensorFlow.js has no kernel for %1.</source>
        <translation>TensorFlow.js no tiene kernel para %1.</translation>
    </message>
    <message>
        <source>Move this computation out of the model (pre/post-processing in JavaScript) or replace it with supported ops before converting.</source>
        <translation>Saque este cálculo del modelo (pre/posprocesado en JavaScript) o sustitúyalo por operaciones soportadas antes de convertir.</translation>
    </message>
</context>
<context>
    <name>wb::views::PropertyModel</name>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Dispositivo</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(sin definir)</translation>
    </message>
    <message>
        <source>TensorFlow.js</source>
        <translation>TensorFlow.js</translation>
    </message>
    <message>
        <source>Supported</source>
        <translation>Soportada</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>Qué hacer</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <source>Kernel available</source>
        <translation>Kernel disponible</translation>
    </message>
    <message>
        <source>No kernel in the bundled runtime</source>
        <translation>Sin kernel en el runtime incluido</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Atributos</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>control</source>
        <translation>control</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Salidas</translation>
    </message>
    <message>
        <source>(dtype and shape unknown)</source>
        <translation>(tipo y forma desconocidos)</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Propiedad</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <source>Function body</source>
        <translation>Cuerpo de la función</translation>
    </message>
    <message>
        <source>Click to open the body of %1 in the Function bodies dock</source>
        <translation>Haga clic para abrir el cuerpo de %1 en el panel Cuerpos de funciones</translation>
    </message>
</context>
<context>
    <name>wb::views::PropertyPanel</name>
    <message>
        <source>Select a node on the graph to see its properties.</source>
        <translation>Seleccione un nodo del grafo para ver sus propiedades.</translation>
    </message>
</context>
<context>
    <name>wb::views::QuantPanel</name>
    <message>
        <source>float16</source>
        <translation>float16</translation>
    </message>
    <message>
        <source>uint8</source>
        <translation>uint8</translation>
    </message>
    <message>
        <source>uint16</source>
        <translation>uint16</translation>
    </message>
    <message>
        <source>all weights (or e.g. conv*/kernel, dense*)</source>
        <translation>todos los pesos (o p. ej. conv*/kernel, dense*)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguna</translation>
    </message>
    <message>
        <source>Weights kept in float32 (what if), comma-separated fnmatch patterns</source>
        <translation>Pesos que se mantienen en float32 (qué pasaría si), patrones fnmatch separados por comas</translation>
    </message>
    <message>
        <source>Quantize to:</source>
        <translation>Cuantizar a:</translation>
    </message>
    <message>
        <source>&amp;Weights:</source>
        <translation>&amp;Pesos:</translation>
    </message>
    <message>
        <source>&amp;Keep float32:</source>
        <translation>&amp;Mantener en float32:</translation>
    </message>
    <message>
        <source>Random &amp;samples:</source>
        <translation>&amp;Muestras aleatorias:</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>C&amp;omparar</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Max abs</source>
        <translation>Máx. abs.</translation>
    </message>
    <message>
        <source>Mean abs</source>
        <translation>Media abs.</translation>
    </message>
    <message>
        <source>RMSE</source>
        <translation>RMSE</translation>
    </message>
    <message>
        <source>SNR dB</source>
        <translation>SNR dB</translation>
    </message>
    <message>
        <source>Cosine</source>
        <translation>Coseno</translation>
    </message>
    <message>
        <source>Top-1 agree</source>
        <translation>Acuerdo top-1</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>Per-layer error for:</source>
        <translation>Error por capa para:</translation>
    </message>
    <message>
        <source>Tick at least one of float16, uint8, uint16</source>
        <translation>Marque al menos uno de float16, uint8, uint16</translation>
    </message>
    <message>
        <source>Running float32 and quantized models…</source>
        <translation>Ejecutando los modelos float32 y cuantizados…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelando…</translation>
    </message>
    <message>
        <source>Comparison cancelled</source>
        <translation>Comparación cancelada</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>La comparación falló: %1</translation>
    </message>
    <message>
        <source>float32: %1</source>
        <translation>float32: %1</translation>
    </message>
    <message>
        <source>%1: %2 (%3 weights quantized)</source>
        <translation>%1: %2 (%3 pesos cuantizados)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model size&lt;/b&gt; — %1</source>
        <translation>&lt;b&gt;Tamaño del modelo&lt;/b&gt; — %1</translation>
    </message>
    <message>
        <source>%1 samples (%2)</source>
        <translation>%1 muestras (%2)</translation>
    </message>
    <message>
        <source>RMSE (%1)</source>
        <translation>RMSE (%1)</translation>
    </message>
    <message>
        <source>Output |error| distribution (first sample)</source>
        <translation>Distribución de |error| de salida (primera muestra)</translation>
    </message>
    <message>
        <source>Weight error / quantization scale</source>
        <translation>Error de pesos / escala de cuantización</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>Tamaño del modelo</translation>
    </message>
    <message>
        <source>Worst layers</source>
        <translation>Peores capas</translation>
    </message>
    <message>
        <source>Output errors</source>
        <translation>Errores de salida</translation>
    </message>
    <message>
        <source>Weight errors</source>
        <translation>Errores de pesos</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Tamaños</translation>
    </message>
    <message>
        <source>Right-click a layer to keep its weights, or its group&apos;s, in float32 (what if)</source>
        <translation>Clic derecho en una capa para mantener sus pesos, o los de su grupo, en float32 (hipótesis)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>cantidad</translation>
    </message>
    <message>
        <source>|quantized − float32| (log bins, lower edge)</source>
        <translation>|cuantizado − float32| (intervalos log., borde inferior)</translation>
    </message>
    <message>
        <source>RMSE / scale (affine) · RMSE / max|w| (float16)</source>
        <translation>RMSE / escala (afín) · RMSE / máx.|w| (float16)</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>pesos</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>configuración</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>%1: %2 weights quantized (was %3), output RMSE %4 → %5</source>
        <translation>%1: %2 pesos cuantizados (antes %3), RMSE de salida %4 → %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;What if&lt;/b&gt; (float32 kept: %1)&lt;br&gt;%2</source>
        <translation>&lt;b&gt;Hipótesis&lt;/b&gt; (en float32: %1)&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; reads no weight to keep in float32</source>
        <translation>&apos;%1&apos; no lee ningún peso que mantener en float32</translation>
    </message>
    <message>
        <source>Keep weights of &apos;%1&apos; in float32 (what if)</source>
        <translation>Mantener los pesos de &apos;%1&apos; en float32 (hipótesis)</translation>
    </message>
    <message>
        <source>Keep every weight under &apos;%1/&apos; in float32</source>
        <translation>Mantener en float32 todos los pesos bajo &apos;%1/&apos;</translation>
    </message>
    <message>
        <source>Quantize everything again</source>
        <translation>Volver a cuantizar todo</translation>
    </message>
</context>
<context>
    <name>wb::views::RunTimeChart</name>
    <message>
        <source>Time per run</source>
        <translation>Tiempo por ejecución</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>Primera ejecución</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>Calentamiento</translation>
    </message>
    <message>
        <source>Timed runs</source>
        <translation>Ejecuciones cronometradas</translation>
    </message>
    <message>
        <source>Median %1 ms</source>
        <translation>Mediana %1 ms</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ejecución</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>First runs</source>
        <translation>Primeras ejecuciones</translation>
    </message>
</context>
<context>
    <name>wb::views::SearchBar</name>
    <message>
        <source>Search nodes: name, op, /regex/, op:Conv2D, dtype:int64, unsupported:tfjs</source>
        <translation>Buscar nodos: nombre, operación, /regex/, op:Conv2D, dtype:int64, unsupported:tfjs</translation>
    </message>
    <message>
        <source>Terms separated by spaces must all match.
text: name or op contains it
op:NAME  dtype:TYPE  name:TEXT  re:REGEX or /REGEX/
unsupported:tfjs  unsupported:runtime
Enter: next match, Shift+Enter: previous match</source>
        <translation>Todos los términos separados por espacios deben coincidir.
texto: el nombre o la operación lo contiene
op:NOMBRE  dtype:TIPO  name:TEXTO  re:REGEX o /REGEX/
unsupported:tfjs  unsupported:runtime
Intro: siguiente coincidencia, Mayús+Intro: coincidencia anterior</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Coincidencia anterior (Mayús+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Siguiente coincidencia (F3)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Sin coincidencias</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
</context>
<context>
    <name>wb::views::SearchQuery</name>
    <message>
        <source>unsupported: takes tfjs or runtime</source>
        <translation>unsupported: admite tfjs o runtime</translation>
    </message>
    <message>
        <source>invalid regular expression: %1</source>
        <translation>expresión regular no válida: %1</translation>
    </message>
</context>
<context>
    <name>wb::views::SimplifyCompare</name>
    <message>
        <source>Preview a simplification to compare the graphs.</source>
        <translation>Previsualice una simplificación para comparar los grafos.</translation>
    </message>
    <message>
        <source>&amp;Check outputs</source>
        <translation>&amp;Comprobar salidas</translation>
    </message>
    <message>
        <source>Run both graphs on the bundled runtime with the same inputs and compare the outputs</source>
        <translation>Ejecutar ambos grafos en el runtime incluido con las mismas entradas y comparar las salidas</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Forma</translation>
    </message>
    <message>
        <source>Max abs difference</source>
        <translation>Diferencia abs. máxima</translation>
    </message>
    <message>
        <source>Max rel difference</source>
        <translation>Diferencia rel. máxima</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimizado</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Indexing both graphs…</source>
        <translation>Indexando ambos grafos…</translation>
    </message>
    <message numerus="yes">
        <source>Optimized: %n node(s)</source>
        <translation>
            <numerusform>Optimizado: %n nodo</numerusform>
            <numerusform>Optimizado: %n nodos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Original: %n node(s)</source>
        <translation>
            <numerusform>Original: %n nodo</numerusform>
            <numerusform>Original: %n nodos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n eliminado</numerusform>
            <numerusform>%n eliminados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fused</source>
        <translation>
            <numerusform>%n fusionado</numerusform>
            <numerusform>%n fusionados</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rewritten</source>
        <translation>
            <numerusform>%n reescrito</numerusform>
            <numerusform>%n reescritos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n nuevo</numerusform>
            <numerusform>%n nuevos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n sin cambios</numerusform>
            <numerusform>%n sin cambios</numerusform>
        </translation>
    </message>
    <message>
        <source>removed</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>Removed by %1: %2</source>
        <translation>Eliminado por %1: %2</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>fusionado</translation>
    </message>
    <message>
        <source>Fused by %1 from: %2</source>
        <translation>Fusionado por %1 a partir de: %2</translation>
    </message>
    <message>
        <source>Fused into %1 by %2</source>
        <translation>Fusionado en %1 por %2</translation>
    </message>
    <message>
        <source>rewritten</source>
        <translation>reescrito</translation>
    </message>
    <message>
        <source>Rewritten by %1: %2</source>
        <translation>Reescrito por %1: %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuevo</translation>
    </message>
    <message>
        <source>Added by %1: %2</source>
        <translation>Añadido por %1: %2</translation>
    </message>
    <message>
        <source>Running both graphs…</source>
        <translation>Ejecutando ambos grafos…</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>La comprobación falló: %1</translation>
    </message>
    <message>
        <source>Same outputs (max abs difference %1)</source>
        <translation>Mismas salidas (diferencia abs. máxima %1)</translation>
    </message>
    <message>
        <source>Outputs differ: max abs difference %1</source>
        <translation>Las salidas difieren: diferencia abs. máxima %1</translation>
    </message>
</context>
<context>
    <name>wb::views::SimplifyPanel</name>
    <message>
        <source>Untick a pass to see the pipeline without it</source>
        <translation>Desmarque un pase para ver la secuencia sin él</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Vista previa</translation>
    </message>
    <message>
        <source>Open a model, then preview the simplification.</source>
        <translation>Abra un modelo y después vea la vista previa de la simplificación.</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pase</translation>
    </message>
    <message>
        <source>Nodes before</source>
        <translation>Nodos antes</translation>
    </message>
    <message>
        <source>Nodes after</source>
        <translation>Nodos después</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Operación</translation>
    </message>
    <message>
        <source>From / reason</source>
        <translation>Origen / motivo</translation>
    </message>
    <message>
        <source>Passes, in pipeline order:</source>
        <translation>Pases, en el orden de la secuencia:</translation>
    </message>
    <message>
        <source>Running the pipeline…</source>
        <translation>Ejecutando la secuencia de pases…</translation>
    </message>
    <message>
        <source>Simplification failed: %1</source>
        <translation>La simplificación falló: %1</translation>
    </message>
    <message>
        <source>%1 nodes → %2 nodes in %3 ms (%4 passes skipped)</source>
        <translation>%1 nodos → %2 nodos en %3 ms (%4 pases omitidos)</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>eliminado</translation>
    </message>
    <message>
        <source>new</source>
        <translation>nuevo</translation>
    </message>
    <message>
        <source>fused / rewritten</source>
        <translation>fusionado / reescrito</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Lado a lado</translation>
    </message>
    <message>
        <source>Passes and changes</source>
        <translation>Pases y cambios</translation>
    </message>
</context>
<context>
    <name>wb::views::SummaryPanel</name>
    <message>
        <source>Double-click an op to search for its nodes</source>
        <translation>Doble clic en una operación para buscar sus nodos</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>No hay ningún modelo cargado.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation>Generado por</translation>
    </message>
    <message>
        <source>Converted by</source>
        <translation>Convertido por</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Productor</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Pesos</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Entradas</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Salidas</translation>
    </message>
    <message>
        <source>TensorFlow.js</source>
        <translation>TensorFlow.js</translation>
    </message>
    <message>
        <source>every op supported</source>
        <translation>todas las operaciones soportadas</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) cannot run</source>
        <translation>
            <numerusform>%n nodo no se puede ejecutar</numerusform>
            <numerusform>%n nodos no se pueden ejecutar</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
</context>
<context>
    <name>wb::views::UnsupportedOpsModel</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n nodo</numerusform>
            <numerusform>%n nodos</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show this node on the graph</source>
        <translation>Haga clic para mostrar este nodo en el grafo</translation>
    </message>
    <message>
        <source>Op / node</source>
        <translation>Operación / nodo</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
</context>
<context>
    <name>wb::views::UnsupportedPanel</name>
    <message>
        <source>No model loaded.</source>
        <translation>No hay ningún modelo cargado.</translation>
    </message>
    <message>
        <source>TensorFlow.js can run every op in this graph.</source>
        <translation>TensorFlow.js puede ejecutar todas las operaciones de este grafo.</translation>
    </message>
    <message numerus="yes">
        <source>%n op type(s) cannot run in TensorFlow.js</source>
        <translation>
            <numerusform>%n tipo de operación no se puede ejecutar en TensorFlow.js</numerusform>
            <numerusform>%n tipos de operación no se pueden ejecutar en TensorFlow.js</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) affected. Click one to show it on the graph.</source>
        <translation>
            <numerusform>%n nodo afectado. Haga clic en él para mostrarlo en el grafo.</numerusform>
            <numerusform>%n nodos afectados. Haga clic en uno para mostrarlo en el grafo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::views::WeightValuesModel</name>
    <message>
        <source>Index</source>
        <translation>Índice</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
</context>
<context>
    <name>wb::views::WeightsPanel</name>
    <message>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Export .npy…</source>
        <translation>Exportar .npy…</translation>
    </message>
    <message>
        <source>Save this tensor as a NumPy .npy file</source>
        <translation>Guardar este tensor como archivo .npy de NumPy</translation>
    </message>
    <message>
        <source>Select a constant (Const node) to see its weights.</source>
        <translation>Seleccione una constante (nodo Const) para ver sus pesos.</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Calculando estadísticas…</translation>
    </message>
    <message>
        <source>No numeric values.</source>
        <translation>No hay valores numéricos.</translation>
    </message>
    <message>
        <source>&lt;b&gt;min&lt;/b&gt; %1  &lt;b&gt;max&lt;/b&gt; %2  &lt;b&gt;mean&lt;/b&gt; %3  &lt;b&gt;std&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;elements&lt;/b&gt; %5  &lt;b&gt;zeros&lt;/b&gt; %6%</source>
        <translation>&lt;b&gt;mín&lt;/b&gt; %1  &lt;b&gt;máx&lt;/b&gt; %2  &lt;b&gt;media&lt;/b&gt; %3  &lt;b&gt;desv.&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;elementos&lt;/b&gt; %5  &lt;b&gt;ceros&lt;/b&gt; %6%</translation>
    </message>
    <message>
        <source>  &lt;b&gt;NaN/Inf&lt;/b&gt; %1</source>
        <translation>  &lt;b&gt;NaN/Inf&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Valores</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message>
        <source>Export tensor</source>
        <translation>Exportar tensor</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>Matrices NumPy (*.npy)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Error al exportar</translation>
    </message>
</context>
</TS>
