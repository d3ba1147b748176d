package io.gpudoctor.agent.web.page;

/**
 * The status page's stylesheet, inlined into the page so that it works air-gapped and needs no
 * second request: system fonts only, a single column on a phone, light or dark as the reader's
 * system prefers.
 */
final class PageStyle {

    static final String CSS = """
            :root { --bg: #f6f7f9; --card: #fff; --fg: #1d232b; --muted: #5b6673; --line: #d9dee4;
              --ok: #1e7d3a; --warn: #a05a00; --error: #b3261e; --bar: #4e79a7; color-scheme: light dark; }
            @media (prefers-color-scheme: dark) {
              :root { --bg: #14181d; --card: #1d232b; --fg: #e6e9ed; --muted: #9aa5b1; --line: #323b46;
                --ok: #5cc47a; --warn: #f0a742; --error: #ff7b72; --bar: #79a6d9; } }
            * { box-sizing: border-box; }
            body { margin: 0; background: var(--bg); color: var(--fg);
              font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
            header, main { max-width: 72rem; margin: 0 auto; padding: 0.75rem 1rem; }
            header { border-bottom: 4px solid var(--muted); }
            header.verdict-ok { border-color: var(--ok); }
            header.verdict-warn { border-color: var(--warn); }
            header.verdict-error { border-color: var(--error); }
            h1 { font-size: 1.35rem; margin: 0.2rem 0; overflow-wrap: anywhere; }
            h2 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
            h3 { font-size: 1rem; margin: 0 0 0.3rem; overflow-wrap: anywhere; }
            h4 { font-size: 0.85rem; margin: 0.5rem 0 0.2rem; color: var(--muted); }
            .verdict-line { font-size: 1.15rem; font-weight: 600; margin: 0.2rem 0; }
            .verdict-ok .verdict-line { color: var(--ok); }
            .verdict-warn .verdict-line { color: var(--warn); }
            .verdict-error .verdict-line { color: var(--error); }
            .meta, .id, .none, .pod { color: var(--muted); font-size: 0.85rem; overflow-wrap: anywhere; }
            code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; }
            pre { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: 0.5rem;
              background: var(--bg); border-radius: 4px; }
            .finding, .gpu { background: var(--card); border: 1px solid var(--line); border-left-width: 4px;
              border-radius: 6px; padding: 0.75rem; margin-bottom: 0.75rem; }
            .sev-error { border-left-color: var(--error); }
            .sev-warn { border-left-color: var(--warn); }
            .sev-info { border-left-color: var(--muted); }
            .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; color: #fff;
              font-size: 0.75rem; text-transform: uppercase; vertical-align: middle; background: var(--muted); }
            .sev-error .badge { background: var(--error); }
            .sev-warn .badge { background: var(--warn); }
            .sev-ok .badge { background: var(--ok); }
            pre.ask { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem;
              overflow-x: auto; font-size: 0.85rem; white-space: pre; overflow-wrap: normal; }
            .fix-text { white-space: pre-wrap; margin: 0; padding: 0.5rem; background: var(--bg); border-radius: 4px;
              overflow-x: auto; }
            .fix-text code { white-space: nowrap; overflow-wrap: normal; }
            .gpu-findings { list-style: none; padding: 0; margin: 0.4rem 0 0; font-size: 0.85rem; }
            .gpu-findings li { border-left: 3px solid var(--muted); padding-left: 0.4rem; margin-bottom: 0.2rem; }
            .gpu-findings li.sev-error { border-left-color: var(--error); }
            .gpu-findings li.sev-warn { border-left-color: var(--warn); }
            .gpu.sev-error { border-left-color: var(--error); }
            .gpu.sev-warn { border-left-color: var(--warn); }
            .evidence { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.1rem 0.75rem;
              margin: 0.4rem 0; font-size: 0.85rem; }
            .evidence dt { color: var(--muted); overflow-wrap: anywhere; }
            .evidence dd { margin: 0; overflow-wrap: anywhere; }
            .gpus { display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; }
            .gpus .gpu { margin: 0; }
            .gpu.stale { border-left-color: var(--warn); }
            .stale-note { color: var(--warn); font-weight: 600; margin: 0.3rem 0; }
            .error { color: var(--error); font-size: 0.85rem; overflow-wrap: anywhere; }
            .bar { height: 0.8rem; background: var(--bg); border: 1px solid var(--line); border-radius: 4px;
              overflow: hidden; margin-top: 0.5rem; }
            .bar span { display: block; height: 100%; background: var(--bar); }
            .mem { margin: 0.2rem 0 0.4rem; font-size: 0.9rem; }
            .readings { display: grid; grid-template-columns: repeat(auto-fill, minmax(7rem, 1fr)); gap: 0.3rem;
              margin: 0; }
            .readings dt { color: var(--muted); font-size: 0.75rem; }
            .readings dd { margin: 0; font-weight: 600; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; background: var(--card); font-size: 0.9rem; }
            th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line);
              overflow-wrap: anywhere; }
            .num { text-align: right; white-space: nowrap; }
            .chart { display: block; width: 100%; max-width: 56rem; height: auto; background: var(--card);
              border: 1px solid var(--line);
              border-radius: 6px; }
            .chart .grid { stroke: var(--line); }
            .chart .tick { fill: var(--muted); font-size: 11px; }
            .legend { list-style: none; display: flex; flex-wrap: wrap; gap: 0.3rem 1rem; padding: 0;
              font-size: 0.85rem; }
            .swatch { display: inline-block; width: 0.8rem; height: 0.8rem; border-radius: 2px;
              margin-right: 0.3rem; vertical-align: -0.1rem; }
            """;

    private PageStyle() {
    }
}
