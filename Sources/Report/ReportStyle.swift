/// The report's only stylesheet, inlined in `<head>`: system fonts (nothing
/// fetched), the regime palette (green, amber, orange, red), status badges,
/// chart strokes, and print rules (no dark backgrounds, no breaks inside a
/// chart or table, colours kept for badges and bands).
enum ReportStyle {
    static let css = """
    :root { --ink: #1f2933; --muted: #52606d; --rule: #d9dee4; --accent: #1f4e99; }
    * { box-sizing: border-box; }
    body { margin: 0; background: #ffffff; color: var(--ink);
      font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 1180px; margin: 0 auto; padding: 28px 32px 40px; }
    header.report-header { border-bottom: 3px solid var(--accent); padding-bottom: 14px; margin-bottom: 8px;
      display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; }
    h1 { font-size: 26px; margin: 0 0 4px; letter-spacing: -0.01em; }
    h2 { font-size: 19px; margin: 30px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--rule); }
    h4 { font-size: 13px; margin: 0 0 2px; font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; color: var(--ink); }
    .meta { color: var(--muted); margin: 0; }
    .meta code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 13px; color: var(--ink); }
    .verdict { text-align: right; min-width: 260px; }
    .verdict-label { display: block; font-size: 12px; text-transform: uppercase; letter-spacing: 0.08em; color: var(--muted); }
    .verdict-counts { display: block; font-size: 12px; color: var(--muted); margin-top: 4px; }
    .badge { display: inline-block; padding: 1px 8px; border-radius: 4px; border: 1px solid; font-weight: 600;
      font-size: 12px; letter-spacing: 0.03em; white-space: nowrap; }
    .badge-large { font-size: 20px; padding: 4px 14px; margin-top: 4px; }
    .status-pass { background: #e3f4e5; color: #1b5e20; border-color: #2e7d32; }
    .status-caution { background: #fff4d6; color: #6d4c00; border-color: #d4a017; }
    .status-fail { background: #fde2e2; color: #8e1b1b; border-color: #c62828; }
    .status-not-assessed { background: #eef0f3; color: #52606d; border-color: #9aa5b1; }
    table.data { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-variant-numeric: tabular-nums; }
    table.data caption { text-align: left; font-weight: 600; padding: 4px 0 6px; color: var(--ink); }
    table.data th, table.data td { padding: 5px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
    table.data thead th { border-bottom: 2px solid var(--ink); font-size: 12px; text-transform: uppercase;
      letter-spacing: 0.04em; color: var(--muted); }
    table.data tbody th { font-weight: 500; white-space: nowrap; }
    table.data .num { text-align: right; white-space: nowrap; }
    table.data td.better { color: #1b5e20; font-weight: 600; }
    table.data td.worse { color: #8e1b1b; font-weight: 600; }
    table.scorecard td.detail { color: var(--muted); font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace; font-size: 12.5px; }
    .two-columns { display: grid; grid-template-columns: 1fr 1fr; gap: 28px; align-items: start; }
    figure { margin: 10px 0 18px; }
    figcaption { font-weight: 600; margin-bottom: 4px; }
    svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
    .legend { list-style: none; margin: 0 0 4px; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 18px;
      color: var(--muted); font-size: 12.5px; }
    .legend li { display: inline-flex; align-items: center; gap: 6px; }
    .swatch { display: inline-block; width: 22px; height: 10px; border: 1px solid #8792a2; vertical-align: middle; }
    .regime-label { display: inline-flex; align-items: center; gap: 6px; }
    .regime-label .swatch { width: 12px; }
    .swatch.line-baseline { height: 0; border: 0; border-top: 2px dashed #6b7280; }
    .swatch.line-scaled { height: 0; border: 0; border-top: 2.5px solid #1f4e99; }
    .swatch.line-scalar { height: 0; border: 0; border-top: 2px solid #111827; }
    .swatch.rug { width: 2px; height: 12px; border: 0; background: #374151; }
    .swatch.threshold-enter { height: 0; border: 0; border-top: 2px dashed #b71c1c; }
    .swatch.threshold-exit { height: 0; border: 0; border-top: 2px dotted #e65100; }
    .swatch.regime-normal, .band-solid.regime-normal { background: #81c784; fill: #66bb6a; }
    .swatch.regime-elevated, .band-solid.regime-elevated { background: #ffd54f; fill: #f9c74f; }
    .swatch.regime-stress, .band-solid.regime-stress { background: #ffa05c; fill: #f57c00; }
    .swatch.regime-crisis, .band-solid.regime-crisis { background: #e57373; fill: #d32f2f; }
    .band.regime-normal { fill: #e6f4e7; }
    .band.regime-elevated { fill: #fff0bf; }
    .band.regime-stress { fill: #ffd9b3; }
    .band.regime-crisis { fill: #f7c1c1; }
    .strip.regime-elevated { fill: #e0a800; }
    .strip.regime-stress { fill: #ef6c00; }
    .strip.regime-crisis { fill: #c62828; }
    .share-bar { width: 120px; height: 12px; vertical-align: middle; }
    .share-track { fill: #eef0f3; }
    .grid { stroke: #e4e7eb; stroke-width: 1; }
    .axis-line, .tick { stroke: #9aa5b1; stroke-width: 1; }
    .tick-label { font-size: 11px; fill: #52606d; font-variant-numeric: tabular-nums; }
    text.end-label { font-size: 12px; font-weight: 600; stroke: none; stroke-dasharray: none; }
    .end-label.line-baseline { fill: #4b5563; }
    .end-label.line-scaled { fill: #1f4e99; }
    .end-label.threshold-enter { fill: #b71c1c; font-size: 11px; }
    .end-label.threshold-exit { fill: #bf4a00; font-size: 11px; }
    path { fill: none; stroke-linejoin: round; stroke-linecap: round; }
    .line-baseline { stroke: #6b7280; stroke-width: 1.5; stroke-dasharray: 5 3; }
    .line-scaled { stroke: #1f4e99; stroke-width: 1.8; }
    .line-scalar { stroke: #111827; stroke-width: 1.4; }
    .line-feature { stroke: #1f4e99; stroke-width: 1.1; }
    .threshold-enter { stroke: #b71c1c; stroke-width: 1.2; stroke-dasharray: 6 3; }
    .threshold-exit { stroke: #e65100; stroke-width: 1.2; stroke-dasharray: 2 3; }
    .rug { stroke: #374151; stroke-width: 0.8; }
    .bar { fill: #5b7fbf; }
    .line-sleeve { stroke-width: 1.5; }
    path.sleeve-0 { stroke: #1f4e99; } path.sleeve-1 { stroke: #b0413e; } path.sleeve-2 { stroke: #2e7d32; }
    path.sleeve-3 { stroke: #7b1fa2; } path.sleeve-4 { stroke: #8d6e00; } path.sleeve-5 { stroke: #00838f; }
    text.sleeve-0 { fill: #1f4e99; } text.sleeve-1 { fill: #b0413e; } text.sleeve-2 { fill: #2e7d32; }
    text.sleeve-3 { fill: #7b1fa2; } text.sleeve-4 { fill: #8d6e00; } text.sleeve-5 { fill: #00838f; }
    path.dash-1 { stroke-dasharray: 6 3; } path.dash-2 { stroke-dasharray: 2 2; }
    .small-multiples { display: grid; grid-template-columns: 1fr 1fr; gap: 10px 28px; }
    .panel { border-top: 1px solid var(--rule); padding-top: 6px; }
    .note { color: var(--muted); font-size: 12.5px; margin: 4px 0 0; }
    .warning { background: #fff4d6; border-left: 4px solid #d4a017; padding: 6px 10px; }
    footer { margin-top: 36px; padding-top: 10px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12px; }
    @media print {
      @page { margin: 12mm; }
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      figure, table, .panel, .verdict { break-inside: avoid; page-break-inside: avoid; }
      h2, h4, figcaption { break-after: avoid; page-break-after: avoid; }
      .badge, .band, .strip, .swatch, .band-solid, .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
