<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>GroupGraphicsItem</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not runnable in TensorFlow.js</source>
        <translation>
            <numerusform>%n not runnable in TensorFlow.js</numerusform>
            <numerusform>%n not runnable in TensorFlow.js</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n without a runtime kernel</source>
        <translation>
            <numerusform>%n without a runtime kernel</numerusform>
            <numerusform>%n without a runtime kernel</numerusform>
        </translation>
    </message>
    <message>
        <source>Click the title bar to collapse</source>
        <translation>Click the title bar to collapse</translation>
    </message>
    <message>
        <source>Click to expand</source>
        <translation>Click to expand</translation>
    </message>
    <message numerus="yes">
        <source>%1  ·  %n node(s)</source>
        <translation>
            <numerusform>%1  ·  %n node</numerusform>
            <numerusform>%1  ·  %n nodes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Model file to open.</source>
        <translation>Model file to open.</translation>
    </message>
    <message>
        <source>Open the model, save a picture of the window to &lt;file&gt; and exit.</source>
        <translation>Open the model, save a picture of the window to &lt;file&gt; and exit.</translation>
    </message>
    <message>
        <source>After loading, search for &lt;query&gt; (e.g. unsupported:tfjs).</source>
        <translation>After loading, search for &lt;query&gt; (e.g. unsupported:tfjs).</translation>
    </message>
    <message>
        <source>Benchmark opening &lt;model&gt; offscreen; print one JSON line and exit.</source>
        <translation>Benchmark opening &lt;model&gt; offscreen; print one JSON line and exit.</translation>
    </message>
    <message>
        <source>Benchmarks: repeat the graph &lt;n&gt; times (synthetic large graphs).</source>
        <translation>Benchmarks: repeat the graph &lt;n&gt; times (synthetic large graphs).</translation>
    </message>
    <message>
        <source>User interface language, e.g. es or en.</source>
        <translation>User interface language, e.g. es or en.</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1500x950.</source>
        <translation>Window size for --screenshot, e.g. 1500x950.</translation>
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
        <translation>Laying out the graph…</translation>
    </message>
    <message>
        <source>%1 nodes shown · layout %2 ms</source>
        <translation>%1 nodes shown · layout %2 ms</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>Zoom %1%</translation>
    </message>
    <message>
        <source>Model summary</source>
        <translation>Model summary</translation>
    </message>
    <message>
        <source>Unsupported ops</source>
        <translation>Unsupported ops</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>Properties</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Weights</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Stop loading or laying out</source>
        <translation>Stop loading or laying out</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>Opening %1…</translation>
    </message>
    <message>
        <source>Loading cancelled</source>
        <translation>Loading cancelled</translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation>Could not open %1</translation>
    </message>
    <message>
        <source>Could not open the model</source>
        <translation>Could not open the model</translation>
    </message>
    <message>
        <source>The file could not be opened as a model:
%1</source>
        <translation>The file could not be opened as a model:
%1</translation>
    </message>
    <message>
        <source>%1 — TensorFlow.js Workbench</source>
        <translation>%1 — TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>Open a model file</source>
        <translation>Open a model file</translation>
    </message>
    <message>
        <source>Open &amp;sample model</source>
        <translation>Open &amp;sample model</translation>
    </message>
    <message>
        <source>Open the bundled sample CNN</source>
        <translation>Open the bundled sample CNN</translation>
    </message>
    <message>
        <source>Export as &amp;PNG…</source>
        <translation>Export as &amp;PNG…</translation>
    </message>
    <message>
        <source>Save the graph as a PNG image</source>
        <translation>Save the graph as a PNG image</translation>
    </message>
    <message>
        <source>Export as S&amp;VG…</source>
        <translation>Export as S&amp;VG…</translation>
    </message>
    <message>
        <source>Save the graph as an SVG drawing</source>
        <translation>Save the graph as an SVG drawing</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Quit the workbench</source>
        <translation>Quit the workbench</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>Zoom &amp;in</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>Zoom &amp;out</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>&amp;Fit to window</translation>
    </message>
    <message>
        <source>Show the whole graph</source>
        <translation>Show the whole graph</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>&amp;Actual size</translation>
    </message>
    <message>
        <source>Zoom to 100%</source>
        <translation>Zoom to 100%</translation>
    </message>
    <message>
        <source>&amp;Expand all groups</source>
        <translation>&amp;Expand all groups</translation>
    </message>
    <message>
        <source>Open every name-scope group (slow on very large graphs)</source>
        <translation>Open every name-scope group (slow on very large graphs)</translation>
    </message>
    <message>
        <source>&amp;Collapse all groups</source>
        <translation>&amp;Collapse all groups</translation>
    </message>
    <message>
        <source>Close every name-scope group</source>
        <translation>Close every name-scope group</translation>
    </message>
    <message>
        <source>&amp;Minimap</source>
        <translation>&amp;Minimap</translation>
    </message>
    <message>
        <source>Show or hide the overview</source>
        <translation>Show or hide the overview</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>Search nodes by name, op or filter</source>
        <translation>Search nodes by name, op or filter</translation>
    </message>
    <message>
        <source>Find &amp;next</source>
        <translation>Find &amp;next</translation>
    </message>
    <message>
        <source>Go to the next match</source>
        <translation>Go to the next match</translation>
    </message>
    <message>
        <source>Find &amp;previous</source>
        <translation>Find &amp;previous</translation>
    </message>
    <message>
        <source>Go to the previous match</source>
        <translation>Go to the previous match</translation>
    </message>
    <message>
        <source>Find &amp;unsupported ops</source>
        <translation>Find &amp;unsupported ops</translation>
    </message>
    <message>
        <source>Search for every node TensorFlow.js cannot run</source>
        <translation>Search for every node TensorFlow.js cannot run</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>About this program</source>
        <translation>About this program</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Graph</source>
        <translation>&amp;Graph</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <source>All supported models (%1)</source>
        <translation>All supported models (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>Open model</translation>
    </message>
    <message>
        <source>Export as SVG</source>
        <translation>Export as SVG</translation>
    </message>
    <message>
        <source>Export as PNG</source>
        <translation>Export as PNG</translation>
    </message>
    <message>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG drawings (*.svg)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG images (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>About TensorFlow.js Workbench</source>
        <translation>About TensorFlow.js Workbench</translation>
    </message>
    <message>
        <source>&lt;h3&gt;TensorFlow.js Workbench %1&lt;/h3&gt;&lt;p&gt;Inspect TensorFlow and Keras models, see which ops TensorFlow.js cannot run, convert and benchmark them. No Python needed.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;TensorFlow.js Workbench %1&lt;/h3&gt;&lt;p&gt;Inspect TensorFlow and Keras models, see which ops TensorFlow.js cannot run, convert and benchmark them. No Python needed.&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>&amp;Benchmark…</source>
        <translation>&amp;Benchmark…</translation>
    </message>
    <message>
        <source>Time the model on the runtime: per-run chart, median/min/p90, memory, per-op profile</source>
        <translation>Time the model on the runtime: per-run chart, median/min/p90, memory, per-op profile</translation>
    </message>
    <message>
        <source>&amp;Quantization comparison…</source>
        <translation>&amp;Quantization comparison…</translation>
    </message>
    <message>
        <source>Compare float32 with float16/uint8/uint16 weights, per output and per layer</source>
        <translation>Compare float32 with float16/uint8/uint16 weights, per output and per layer</translation>
    </message>
    <message>
        <source>E&amp;xport to TensorFlow.js…</source>
        <translation>E&amp;xport to TensorFlow.js…</translation>
    </message>
    <message>
        <source>Convert the model to a TensorFlow.js graph model with every converter option</source>
        <translation>Convert the model to a TensorFlow.js graph model with every converter option</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>Benchmark</translation>
    </message>
    <message>
        <source>Quantization comparison</source>
        <translation>Quantization comparison</translation>
    </message>
    <message>
        <source>&amp;Simplification preview…</source>
        <translation>&amp;Simplification preview…</translation>
    </message>
    <message>
        <source>Run the converter&apos;s passes with each one switchable and see what they change</source>
        <translation>Run the converter&apos;s passes with each one switchable and see what they change</translation>
    </message>
    <message>
        <source>Simplification preview</source>
        <translation>Simplification preview</translation>
    </message>
    <message>
        <source>Function bodies</source>
        <translation>Function bodies</translation>
    </message>
    <message>
        <source>The model&apos;s library has no function %1</source>
        <translation>The model&apos;s library has no function %1</translation>
    </message>
    <message>
        <source>Open function &amp;body</source>
        <translation>Open function &amp;body</translation>
    </message>
    <message>
        <source>Show the function the selected call node runs (PartitionedCall, While, If, Case…)</source>
        <translation>Show the function the selected call node runs (PartitionedCall, While, If, Case…)</translation>
    </message>
    <message>
        <source>Select a call node (PartitionedCall, While, If, Case…) to open its function body</source>
        <translation>Select a call node (PartitionedCall, While, If, Case…) to open its function body</translation>
    </message>
</context>
<context>
    <name>wb::gui::ModelLoader</name>
    <message>
        <source>Indexing the graph</source>
        <translation>Indexing the graph</translation>
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
        <translation>Open a TensorFlow or Keras model to see its graph and every op TensorFlow.js cannot run.</translation>
    </message>
    <message>
        <source>Open model…</source>
        <translation>Open model…</translation>
    </message>
    <message>
        <source>Open a frozen GraphDef, SavedModel, Keras or TensorFlow.js model (Ctrl+O)</source>
        <translation>Open a frozen GraphDef, SavedModel, Keras or TensorFlow.js model (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open sample model</source>
        <translation>Open sample model</translation>
    </message>
    <message>
        <source>A small CNN built with this project, with one op TensorFlow.js cannot run</source>
        <translation>A small CNN built with this project, with one op TensorFlow.js cannot run</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>Recent files</translation>
    </message>
    <message>
        <source>Double-click to open</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <source>You can also drop a model file anywhere on this window.</source>
        <translation>You can also drop a model file anywhere on this window.</translation>
    </message>
    <message>
        <source>No recent files yet.</source>
        <translation>No recent files yet.</translation>
    </message>
    <message>
        <source>The sample model was not built (target wb_make_sample)</source>
        <translation>The sample model was not built (target wb_make_sample)</translation>
    </message>
</context>
<context>
    <name>wb::views::BenchPanel</name>
    <message>
        <source>&amp;Threads:</source>
        <translation>&amp;Threads:</translation>
    </message>
    <message>
        <source>Worker threads of the session; 0 = all cores</source>
        <translation>Worker threads of the session; 0 = all cores</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>all cores</translation>
    </message>
    <message>
        <source>&amp;Runs:</source>
        <translation>&amp;Runs:</translation>
    </message>
    <message>
        <source>Timed runs behind median, minimum and p90</source>
        <translation>Timed runs behind median, minimum and p90</translation>
    </message>
    <message>
        <source>&amp;Warm-up:</source>
        <translation>&amp;Warm-up:</translation>
    </message>
    <message>
        <source>Runs before timing starts (the first run is shown apart)</source>
        <translation>Runs before timing starts (the first run is shown apart)</translation>
    </message>
    <message>
        <source>&amp;Profiled runs:</source>
        <translation>&amp;Profiled runs:</translation>
    </message>
    <message>
        <source>Runs of a separate profiled session for the per-node table; 0 = none</source>
        <translation>Runs of a separate profiled session for the per-node table; 0 = none</translation>
    </message>
    <message>
        <source>&amp;Run benchmark</source>
        <translation>&amp;Run benchmark</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Save results…</source>
        <translation>&amp;Save results…</translation>
    </message>
    <message>
        <source>Open a model, then run the benchmark.</source>
        <translation>Open a model, then run the benchmark.</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodes</translation>
    </message>
    <message>
        <source>ms / run</source>
        <translation>ms / run</translation>
    </message>
    <message>
        <source>Share %</source>
        <translation>Share %</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Preparing inputs…</source>
        <translation>Preparing inputs…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Benchmark cancelled</source>
        <translation>Benchmark cancelled</translation>
    </message>
    <message>
        <source>Benchmark failed: %1</source>
        <translation>Benchmark failed: %1</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>&lt;b&gt;Median&lt;/b&gt; %1 ms · &lt;b&gt;min&lt;/b&gt; %2 ms · &lt;b&gt;p90&lt;/b&gt; %3 ms · mean %4 ms&lt;br&gt;First run %5 ms · session %6 ms · %7 timed runs on %8 threads&lt;br&gt;&lt;b&gt;Peak memory&lt;/b&gt;: activations %9 (live lower bound %10), process RSS %11</source>
        <translation>&lt;b&gt;Median&lt;/b&gt; %1 ms · &lt;b&gt;min&lt;/b&gt; %2 ms · &lt;b&gt;p90&lt;/b&gt; %3 ms · mean %4 ms&lt;br&gt;First run %5 ms · session %6 ms · %7 timed runs on %8 threads&lt;br&gt;&lt;b&gt;Peak memory&lt;/b&gt;: activations %9 (live lower bound %10), process RSS %11</translation>
    </message>
    <message>
        <source>Save benchmark results</source>
        <translation>Save benchmark results</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV, per node (*.csv)</source>
        <translation>JSON (*.json);;CSV, per node (*.csv)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>nothing (one configuration)</source>
        <translation>nothing (one configuration)</translation>
    </message>
    <message>
        <source>float16 weights</source>
        <translation>float16 weights</translation>
    </message>
    <message>
        <source>uint8 weights</source>
        <translation>uint8 weights</translation>
    </message>
    <message>
        <source>uint16 weights</source>
        <translation>uint16 weights</translation>
    </message>
    <message>
        <source>simplified graph (converter passes)</source>
        <translation>simplified graph (converter passes)</translation>
    </message>
    <message>
        <source>Benchmark a second configuration right after, on the same inputs, and show both side by side</source>
        <translation>Benchmark a second configuration right after, on the same inputs, and show both side by side</translation>
    </message>
    <message>
        <source>Compare &amp;with:</source>
        <translation>Compare &amp;with:</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>As loaded</source>
        <translation>As loaded</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>Compared</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>Ratio</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>Preparing %1…</translation>
    </message>
    <message>
        <source>Median ms</source>
        <translation>Median ms</translation>
    </message>
    <message>
        <source>Min ms</source>
        <translation>Min ms</translation>
    </message>
    <message>
        <source>p90 ms</source>
        <translation>p90 ms</translation>
    </message>
    <message>
        <source>Mean ms</source>
        <translation>Mean ms</translation>
    </message>
    <message>
        <source>First run ms</source>
        <translation>First run ms</translation>
    </message>
    <message>
        <source>Session ms</source>
        <translation>Session ms</translation>
    </message>
    <message>
        <source>Peak activations MiB</source>
        <translation>Peak activations MiB</translation>
    </message>
    <message>
        <source>Profiled nodes</source>
        <translation>Profiled nodes</translation>
    </message>
    <message>
        <source>&lt;b&gt;Compute&lt;/b&gt;: %1 GFLOP of convolutions and matrix products per run, %2 GFLOPS at the median</source>
        <translation>&lt;b&gt;Compute&lt;/b&gt;: %1 GFLOP of convolutions and matrix products per run, %2 GFLOPS at the median</translation>
    </message>
    <message>
        <source>GFLOPS (conv/matmul)</source>
        <translation>GFLOPS (conv/matmul)</translation>
    </message>
    <message>
        <source>, %1 of it on huge pages</source>
        <translation>, %1 of it on huge pages</translation>
    </message>
</context>
<context>
    <name>wb::views::ExportDialog</name>
    <message>
        <source>Export to TensorFlow.js</source>
        <translation>Export to TensorFlow.js</translation>
    </message>
    <message>
        <source>output folder</source>
        <translation>output folder</translation>
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
        <translation>e.g. Identity,probabilities (frozen graphs)</translation>
    </message>
    <message>
        <source>all weights, or fnmatch patterns: conv*/kernel,dense*</source>
        <translation>all weights, or fnmatch patterns: conv*/kernel,dense*</translation>
    </message>
    <message>
        <source>key:path.json[,key2:path2.json]</source>
        <translation>key:path.json[,key2:path2.json]</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> bytes</translation>
    </message>
    <message>
        <source>Strip debug ops (Assert, CheckNumerics, Print)</source>
        <translation>Strip debug ops (Assert, CheckNumerics, Print)</translation>
    </message>
    <message>
        <source>Control flow v2 (keep functional While/If)</source>
        <translation>Control flow v2 (keep functional While/If)</translation>
    </message>
    <message>
        <source>Skip the op check</source>
        <translation>Skip the op check</translation>
    </message>
    <message>
        <source>Use structured output names</source>
        <translation>Use structured output names</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>Output folder</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>&amp;Input:</translation>
    </message>
    <message>
        <source>Input &amp;format:</source>
        <translation>Input &amp;format:</translation>
    </message>
    <message>
        <source>&amp;Output folder:</source>
        <translation>&amp;Output folder:</translation>
    </message>
    <message>
        <source>&amp;Signature:</source>
        <translation>&amp;Signature:</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Output &amp;nodes:</source>
        <translation>Output &amp;nodes:</translation>
    </message>
    <message>
        <source>&amp;Quantization:</source>
        <translation>&amp;Quantization:</translation>
    </message>
    <message>
        <source>Shard si&amp;ze:</source>
        <translation>Shard si&amp;ze:</translation>
    </message>
    <message>
        <source>&amp;Metadata:</source>
        <translation>&amp;Metadata:</translation>
    </message>
    <message>
        <source>Cop&amp;y command</source>
        <translation>Cop&amp;y command</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>&amp;Convert</source>
        <translation>&amp;Convert</translation>
    </message>
    <message>
        <source>C&amp;ancel</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>Equivalent command:</source>
        <translation>Equivalent command:</translation>
    </message>
    <message>
        <source>expects key:path.json entries, got &apos;%1&apos;</source>
        <translation>expects key:path.json entries, got &apos;%1&apos;</translation>
    </message>
    <message>
        <source>cannot read a JSON file</source>
        <translation>cannot read a JSON file</translation>
    </message>
    <message>
        <source>Choose the input and the output folder.</source>
        <translation>Choose the input and the output folder.</translation>
    </message>
    <message>
        <source>%1 nodes read, %2 written, %3 weights</source>
        <translation>%1 nodes read, %2 written, %3 weights</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warning: %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Exported to %1: %2</source>
        <translation>Exported to %1: %2</translation>
    </message>
    <message>
        <source>Export cancelled; nothing was written</source>
        <translation>Export cancelled; nothing was written</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Export failed: %1</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>model file, SavedModel folder or Keras .h5/.keras</source>
        <translation>model file, SavedModel folder or Keras .h5/.keras</translation>
    </message>
    <message>
        <source>Output forma&amp;t:</source>
        <translation>Output forma&amp;t:</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Shape</translation>
    </message>
    <message>
        <source>Max abs</source>
        <translation>Max abs</translation>
    </message>
    <message>
        <source>Max rel</source>
        <translation>Max rel</translation>
    </message>
    <message>
        <source>Export against source on the same random inputs; max rel = max abs / max |source|</source>
        <translation>Export against source on the same random inputs; max rel = max abs / max |source|</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verify</translation>
    </message>
    <message>
        <source>Reload the export and compare its outputs with the source model&apos;s on the runtime</source>
        <translation>Reload the export and compare its outputs with the source model&apos;s on the runtime</translation>
    </message>
    <message>
        <source>A .keras file converts to tfjs_layers_model only (as tensorflowjs_converter).</source>
        <translation>A .keras file converts to tfjs_layers_model only (as tensorflowjs_converter).</translation>
    </message>
    <message>
        <source>%1 weights in %2 layers</source>
        <translation>%1 weights in %2 layers</translation>
    </message>
    <message>
        <source>Verification cancelled</source>
        <translation>Verification cancelled</translation>
    </message>
    <message>
        <source>Verify failed: %1</source>
        <translation>Verify failed: %1</translation>
    </message>
    <message>
        <source>Verified: the export reproduces the source model (max abs difference %1 over %2 outputs)</source>
        <translation>Verified: the export reproduces the source model (max abs difference %1 over %2 outputs)</translation>
    </message>
    <message>
        <source>Verify: the export differs from the source model (max abs difference %1)</source>
        <translation>Verify: the export differs from the source model (max abs difference %1)</translation>
    </message>
</context>
<context>
    <name>wb::views::FunctionBrowser</name>
    <message>
        <source>The functions of the model&apos;s library (bodies of While, If and call ops)</source>
        <translation>The functions of the model&apos;s library (bodies of While, If and call ops)</translation>
    </message>
    <message>
        <source>This model has no function library.</source>
        <translation>This model has no function library.</translation>
    </message>
    <message numerus="yes">
        <source>%n function(s) in the library.</source>
        <translation>
            <numerusform>%n function in the library.</numerusform>
            <numerusform>%n functions in the library.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n node(s), %2 input(s), %3 output(s)</source>
        <translation>
            <numerusform>%1: %n node, %2 input, %3 output</numerusform>
            <numerusform>%1: %n nodes, %2 inputs, %3 outputs</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::views::GraphExport</name>
    <message>
        <source>the graph is empty</source>
        <translation>the graph is empty</translation>
    </message>
    <message>
        <source>could not write the PNG file</source>
        <translation>could not write the PNG file</translation>
    </message>
    <message>
        <source>Graph exported by tfjs-workbench</source>
        <translation>Graph exported by tfjs-workbench</translation>
    </message>
    <message>
        <source>could not write the SVG file</source>
        <translation>could not write the SVG file</translation>
    </message>
</context>
<context>
    <name>wb::views::GraphView</name>
    <message>
        <source>Open function body “%1”</source>
        <translation>Open function body “%1”</translation>
    </message>
</context>
<context>
    <name>wb::views::HeatLegend</name>
    <message>
        <source>&amp;Heat overlay</source>
        <translation>&amp;Heat overlay</translation>
    </message>
    <message>
        <source>Colour the graph&apos;s nodes by the chosen result; untick to turn the overlay off</source>
        <translation>Colour the graph&apos;s nodes by the chosen result; untick to turn the overlay off</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>log scale</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>linear</translation>
    </message>
</context>
<context>
    <name>wb::views::HeatOverlay</name>
    <message>
        <source>Quantization RMSE (%1)</source>
        <translation>Quantization RMSE (%1)</translation>
    </message>
    <message>
        <source>Time per run</source>
        <translation>Time per run</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;worst in group: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;worst in group: %2</translation>
    </message>
</context>
<context>
    <name>wb::views::LayerErrorChart</name>
    <message>
        <source>Largest per-layer errors</source>
        <translation>Largest per-layer errors</translation>
    </message>
</context>
<context>
    <name>wb::views::MiniMap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Overview: click or drag to move the view</translation>
    </message>
</context>
<context>
    <name>wb::views::NodeGraphicsItem</name>
    <message>
        <source>The bundled runtime has no kernel for this op.</source>
        <translation>The bundled runtime has no kernel for this op.</translation>
    </message>
    <message>
        <source>Calls %1: double-click (or Enter) to open the body</source>
        <translation>Calls %1: double-click (or Enter) to open the body</translation>
    </message>
</context>
<context>
    <name>wb::views::OpHistogramModel</name>
    <message>
        <source>Supported</source>
        <translation>Supported</translation>
    </message>
    <message>
        <source>Not supported</source>
        <translation>Not supported</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Kernel</translation>
    </message>
    <message>
        <source>No kernel</source>
        <translation>No kernel</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
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
        <translation>unknown to TensorFlow.js</translation>
    </message>
    <message>
        <source>TensorFlow.js has no kernel for %1.</source>
        <translation>TensorFlow.js has no kernel for %1.</translation>
    </message>
    <message>
        <source>Move this computation out of the model (pre/post-processing in JavaScript) or replace it with supported ops before converting.</source>
        <translation>Move this computation out of the model (pre/post-processing in JavaScript) or replace it with supported ops before converting.</translation>
    </message>
</context>
<context>
    <name>wb::views::PropertyModel</name>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(not set)</translation>
    </message>
    <message>
        <source>TensorFlow.js</source>
        <translation>TensorFlow.js</translation>
    </message>
    <message>
        <source>Supported</source>
        <translation>Supported</translation>
    </message>
    <message>
        <source>What to do</source>
        <translation>What to do</translation>
    </message>
    <message>
        <source>Runtime</source>
        <translation>Runtime</translation>
    </message>
    <message>
        <source>Kernel available</source>
        <translation>Kernel available</translation>
    </message>
    <message>
        <source>No kernel in the bundled runtime</source>
        <translation>No kernel in the bundled runtime</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributes</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <source>control</source>
        <translation>control</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Outputs</translation>
    </message>
    <message>
        <source>(dtype and shape unknown)</source>
        <translation>(dtype and shape unknown)</translation>
    </message>
    <message>
        <source>Property</source>
        <translation>Property</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Function body</source>
        <translation>Function body</translation>
    </message>
    <message>
        <source>Click to open the body of %1 in the Function bodies dock</source>
        <translation>Click to open the body of %1 in the Function bodies dock</translation>
    </message>
</context>
<context>
    <name>wb::views::PropertyPanel</name>
    <message>
        <source>Select a node on the graph to see its properties.</source>
        <translation>Select a node on the graph to see its properties.</translation>
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
        <translation>all weights (or e.g. conv*/kernel, dense*)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Weights kept in float32 (what if), comma-separated fnmatch patterns</source>
        <translation>Weights kept in float32 (what if), comma-separated fnmatch patterns</translation>
    </message>
    <message>
        <source>Quantize to:</source>
        <translation>Quantize to:</translation>
    </message>
    <message>
        <source>&amp;Weights:</source>
        <translation>&amp;Weights:</translation>
    </message>
    <message>
        <source>&amp;Keep float32:</source>
        <translation>&amp;Keep float32:</translation>
    </message>
    <message>
        <source>Random &amp;samples:</source>
        <translation>Random &amp;samples:</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Compare</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Setting</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Max abs</source>
        <translation>Max abs</translation>
    </message>
    <message>
        <source>Mean abs</source>
        <translation>Mean abs</translation>
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
        <translation>Cosine</translation>
    </message>
    <message>
        <source>Top-1 agree</source>
        <translation>Top-1 agree</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>Per-layer error for:</source>
        <translation>Per-layer error for:</translation>
    </message>
    <message>
        <source>Tick at least one of float16, uint8, uint16</source>
        <translation>Tick at least one of float16, uint8, uint16</translation>
    </message>
    <message>
        <source>Running float32 and quantized models…</source>
        <translation>Running float32 and quantized models…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Comparison cancelled</source>
        <translation>Comparison cancelled</translation>
    </message>
    <message>
        <source>Comparison failed: %1</source>
        <translation>Comparison failed: %1</translation>
    </message>
    <message>
        <source>float32: %1</source>
        <translation>float32: %1</translation>
    </message>
    <message>
        <source>%1: %2 (%3 weights quantized)</source>
        <translation>%1: %2 (%3 weights quantized)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Model size&lt;/b&gt; — %1</source>
        <translation>&lt;b&gt;Model size&lt;/b&gt; — %1</translation>
    </message>
    <message>
        <source>%1 samples (%2)</source>
        <translation>%1 samples (%2)</translation>
    </message>
    <message>
        <source>RMSE (%1)</source>
        <translation>RMSE (%1)</translation>
    </message>
    <message>
        <source>Output |error| distribution (first sample)</source>
        <translation>Output |error| distribution (first sample)</translation>
    </message>
    <message>
        <source>Weight error / quantization scale</source>
        <translation>Weight error / quantization scale</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>Model size</translation>
    </message>
    <message>
        <source>Worst layers</source>
        <translation>Worst layers</translation>
    </message>
    <message>
        <source>Output errors</source>
        <translation>Output errors</translation>
    </message>
    <message>
        <source>Weight errors</source>
        <translation>Weight errors</translation>
    </message>
    <message>
        <source>Sizes</source>
        <translation>Sizes</translation>
    </message>
    <message>
        <source>Right-click a layer to keep its weights, or its group&apos;s, in float32 (what if)</source>
        <translation>Right-click a layer to keep its weights, or its group&apos;s, in float32 (what if)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>count</translation>
    </message>
    <message>
        <source>|quantized − float32| (log bins, lower edge)</source>
        <translation>|quantized − float32| (log bins, lower edge)</translation>
    </message>
    <message>
        <source>RMSE / scale (affine) · RMSE / max|w| (float16)</source>
        <translation>RMSE / scale (affine) · RMSE / max|w| (float16)</translation>
    </message>
    <message>
        <source>float32</source>
        <translation>float32</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>weights</translation>
    </message>
    <message>
        <source>setting</source>
        <translation>setting</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
    <message>
        <source>%1: %2 weights quantized (was %3), output RMSE %4 → %5</source>
        <translation>%1: %2 weights quantized (was %3), output RMSE %4 → %5</translation>
    </message>
    <message>
        <source>&lt;b&gt;What if&lt;/b&gt; (float32 kept: %1)&lt;br&gt;%2</source>
        <translation>&lt;b&gt;What if&lt;/b&gt; (float32 kept: %1)&lt;br&gt;%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; reads no weight to keep in float32</source>
        <translation>&apos;%1&apos; reads no weight to keep in float32</translation>
    </message>
    <message>
        <source>Keep weights of &apos;%1&apos; in float32 (what if)</source>
        <translation>Keep weights of &apos;%1&apos; in float32 (what if)</translation>
    </message>
    <message>
        <source>Keep every weight under &apos;%1/&apos; in float32</source>
        <translation>Keep every weight under &apos;%1/&apos; in float32</translation>
    </message>
    <message>
        <source>Quantize everything again</source>
        <translation>Quantize everything again</translation>
    </message>
</context>
<context>
    <name>wb::views::RunTimeChart</name>
    <message>
        <source>Time per run</source>
        <translation>Time per run</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>First run</translation>
    </message>
    <message>
        <source>Warm-up</source>
        <translation>Warm-up</translation>
    </message>
    <message>
        <source>Timed runs</source>
        <translation>Timed runs</translation>
    </message>
    <message>
        <source>Median %1 ms</source>
        <translation>Median %1 ms</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Run</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>First runs</source>
        <translation>First runs</translation>
    </message>
</context>
<context>
    <name>wb::views::SearchBar</name>
    <message>
        <source>Search nodes: name, op, /regex/, op:Conv2D, dtype:int64, unsupported:tfjs</source>
        <translation>Search nodes: name, op, /regex/, op:Conv2D, dtype:int64, unsupported:tfjs</translation>
    </message>
    <message>
        <source>Terms separated by spaces must all match.
text: name or op contains it
op:NAME  dtype:TYPE  name:TEXT  re:REGEX or /REGEX/
unsupported:tfjs  unsupported:runtime
Enter: next match, Shift+Enter: previous match</source>
        <translation>Terms separated by spaces must all match.
text: name or op contains it
op:NAME  dtype:TYPE  name:TEXT  re:REGEX or /REGEX/
unsupported:tfjs  unsupported:runtime
Enter: next match, Shift+Enter: previous match</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Previous match (Shift+F3)</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Next match (F3)</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
</context>
<context>
    <name>wb::views::SearchQuery</name>
    <message>
        <source>unsupported: takes tfjs or runtime</source>
        <translation>unsupported: takes tfjs or runtime</translation>
    </message>
    <message>
        <source>invalid regular expression: %1</source>
        <translation>invalid regular expression: %1</translation>
    </message>
</context>
<context>
    <name>wb::views::SimplifyCompare</name>
    <message>
        <source>Preview a simplification to compare the graphs.</source>
        <translation>Preview a simplification to compare the graphs.</translation>
    </message>
    <message>
        <source>&amp;Check outputs</source>
        <translation>&amp;Check outputs</translation>
    </message>
    <message>
        <source>Run both graphs on the bundled runtime with the same inputs and compare the outputs</source>
        <translation>Run both graphs on the bundled runtime with the same inputs and compare the outputs</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Output</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Shape</translation>
    </message>
    <message>
        <source>Max abs difference</source>
        <translation>Max abs difference</translation>
    </message>
    <message>
        <source>Max rel difference</source>
        <translation>Max rel difference</translation>
    </message>
    <message>
        <source>Optimized</source>
        <translation>Optimized</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Indexing both graphs…</source>
        <translation>Indexing both graphs…</translation>
    </message>
    <message numerus="yes">
        <source>Optimized: %n node(s)</source>
        <translation>
            <numerusform>Optimized: %n node</numerusform>
            <numerusform>Optimized: %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Original: %n node(s)</source>
        <translation>
            <numerusform>Original: %n node</numerusform>
            <numerusform>Original: %n nodes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n fused</source>
        <translation>
            <numerusform>%n fused</numerusform>
            <numerusform>%n fused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n rewritten</source>
        <translation>
            <numerusform>%n rewritten</numerusform>
            <numerusform>%n rewritten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new</source>
        <translation>
            <numerusform>%n new</numerusform>
            <numerusform>%n new</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unchanged</source>
        <translation>
            <numerusform>%n unchanged</numerusform>
            <numerusform>%n unchanged</numerusform>
        </translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>Removed by %1: %2</source>
        <translation>Removed by %1: %2</translation>
    </message>
    <message>
        <source>fused</source>
        <translation>fused</translation>
    </message>
    <message>
        <source>Fused by %1 from: %2</source>
        <translation>Fused by %1 from: %2</translation>
    </message>
    <message>
        <source>Fused into %1 by %2</source>
        <translation>Fused into %1 by %2</translation>
    </message>
    <message>
        <source>rewritten</source>
        <translation>rewritten</translation>
    </message>
    <message>
        <source>Rewritten by %1: %2</source>
        <translation>Rewritten by %1: %2</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>Added by %1: %2</source>
        <translation>Added by %1: %2</translation>
    </message>
    <message>
        <source>Running both graphs…</source>
        <translation>Running both graphs…</translation>
    </message>
    <message>
        <source>Check failed: %1</source>
        <translation>Check failed: %1</translation>
    </message>
    <message>
        <source>Same outputs (max abs difference %1)</source>
        <translation>Same outputs (max abs difference %1)</translation>
    </message>
    <message>
        <source>Outputs differ: max abs difference %1</source>
        <translation>Outputs differ: max abs difference %1</translation>
    </message>
</context>
<context>
    <name>wb::views::SimplifyPanel</name>
    <message>
        <source>Untick a pass to see the pipeline without it</source>
        <translation>Untick a pass to see the pipeline without it</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>&amp;Preview</translation>
    </message>
    <message>
        <source>Open a model, then preview the simplification.</source>
        <translation>Open a model, then preview the simplification.</translation>
    </message>
    <message>
        <source>Pass</source>
        <translation>Pass</translation>
    </message>
    <message>
        <source>Nodes before</source>
        <translation>Nodes before</translation>
    </message>
    <message>
        <source>Nodes after</source>
        <translation>Nodes after</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Op</source>
        <translation>Op</translation>
    </message>
    <message>
        <source>From / reason</source>
        <translation>From / reason</translation>
    </message>
    <message>
        <source>Passes, in pipeline order:</source>
        <translation>Passes, in pipeline order:</translation>
    </message>
    <message>
        <source>Running the pipeline…</source>
        <translation>Running the pipeline…</translation>
    </message>
    <message>
        <source>Simplification failed: %1</source>
        <translation>Simplification failed: %1</translation>
    </message>
    <message>
        <source>%1 nodes → %2 nodes in %3 ms (%4 passes skipped)</source>
        <translation>%1 nodes → %2 nodes in %3 ms (%4 passes skipped)</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>fused / rewritten</source>
        <translation>fused / rewritten</translation>
    </message>
    <message>
        <source>Side by side</source>
        <translation>Side by side</translation>
    </message>
    <message>
        <source>Passes and changes</source>
        <translation>Passes and changes</translation>
    </message>
</context>
<context>
    <name>wb::views::SummaryPanel</name>
    <message>
        <source>Double-click an op to search for its nodes</source>
        <translation>Double-click an op to search for its nodes</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>No model loaded.</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation>Generated by</translation>
    </message>
    <message>
        <source>Converted by</source>
        <translation>Converted by</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Producer</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodes</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Weights</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Inputs</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>Outputs</translation>
    </message>
    <message>
        <source>TensorFlow.js</source>
        <translation>TensorFlow.js</translation>
    </message>
    <message>
        <source>every op supported</source>
        <translation>every op supported</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) cannot run</source>
        <translation>
            <numerusform>%n node cannot run</numerusform>
            <numerusform>%n nodes cannot run</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warning</translation>
    </message>
</context>
<context>
    <name>wb::views::UnsupportedOpsModel</name>
    <message numerus="yes">
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n node</numerusform>
            <numerusform>%n nodes</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to show this node on the graph</source>
        <translation>Click to show this node on the graph</translation>
    </message>
    <message>
        <source>Op / node</source>
        <translation>Op / node</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Nodes</translation>
    </message>
</context>
<context>
    <name>wb::views::UnsupportedPanel</name>
    <message>
        <source>No model loaded.</source>
        <translation>No model loaded.</translation>
    </message>
    <message>
        <source>TensorFlow.js can run every op in this graph.</source>
        <translation>TensorFlow.js can run every op in this graph.</translation>
    </message>
    <message numerus="yes">
        <source>%n op type(s) cannot run in TensorFlow.js</source>
        <translation>
            <numerusform>%n op type cannot run in TensorFlow.js</numerusform>
            <numerusform>%n op types cannot run in TensorFlow.js</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) affected. Click one to show it on the graph.</source>
        <translation>
            <numerusform>%n node affected. Click one to show it on the graph.</numerusform>
            <numerusform>%n nodes affected. Click one to show it on the graph.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wb::views::WeightValuesModel</name>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
</context>
<context>
    <name>wb::views::WeightsPanel</name>
    <message>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Export .npy…</source>
        <translation>Export .npy…</translation>
    </message>
    <message>
        <source>Save this tensor as a NumPy .npy file</source>
        <translation>Save this tensor as a NumPy .npy file</translation>
    </message>
    <message>
        <source>Select a constant (Const node) to see its weights.</source>
        <translation>Select a constant (Const node) to see its weights.</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Computing statistics…</translation>
    </message>
    <message>
        <source>No numeric values.</source>
        <translation>No numeric values.</translation>
    </message>
    <message>
        <source>&lt;b&gt;min&lt;/b&gt; %1  &lt;b&gt;max&lt;/b&gt; %2  &lt;b&gt;mean&lt;/b&gt; %3  &lt;b&gt;std&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;elements&lt;/b&gt; %5  &lt;b&gt;zeros&lt;/b&gt; %6%</source>
        <translation>&lt;b&gt;min&lt;/b&gt; %1  &lt;b&gt;max&lt;/b&gt; %2  &lt;b&gt;mean&lt;/b&gt; %3  &lt;b&gt;std&lt;/b&gt; %4&lt;br&gt;&lt;b&gt;elements&lt;/b&gt; %5  &lt;b&gt;zeros&lt;/b&gt; %6%</translation>
    </message>
    <message>
        <source>  &lt;b&gt;NaN/Inf&lt;/b&gt; %1</source>
        <translation>  &lt;b&gt;NaN/Inf&lt;/b&gt; %1</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>Export tensor</source>
        <translation>Export tensor</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npy)</source>
        <translation>NumPy arrays (*.npy)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export failed</translation>
    </message>
</context>
</TS>
