/// The portal's one stylesheet (served as `/portal.css`; the Content-Security-Policy allows no inline style).
enum Stylesheet {
    static let css = """
    *{box-sizing:border-box}
    body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f5f6f8}
    header{background:#1f3a5f;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
    header a{color:#fff;margin-right:.8rem}
    header a.brand{font-weight:700;text-decoration:none}
    header nav{display:flex;flex-wrap:wrap;gap:.2rem 0}
    header .who{margin:0 0 0 auto;font-size:.9rem;display:flex;gap:.6rem;align-items:center}
    main{max-width:60rem;margin:0 auto;padding:1rem}
    footer{max-width:60rem;margin:2rem auto 0;padding:1rem;color:#5b6472;font-size:.85rem;border-top:1px solid #dde1e7}
    small.name{color:#5b6472}
    h1{font-size:1.4rem;margin:.4rem 0 1rem}
    table{width:100%;border-collapse:collapse;background:#fff}
    th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid #dde1e7;vertical-align:top}
    td.num,th.num{text-align:right}
    form.inline{display:inline}
    label{display:block;margin:.6rem 0 .2rem;font-weight:600}
    input[type=text],input[type=password],input[type=email],input[type=file],select{width:100%;max-width:24rem;padding:.5rem;font-size:1rem}
    td form.inline button{margin:0 .3rem 0 0;padding:.2rem .6rem;font-size:.9rem}
    .disabled{color:#888}
    button{margin-top:.8rem;padding:.5rem 1.1rem;font-size:1rem;background:#1f3a5f;color:#fff;border:0;border-radius:4px}
    header button{margin:0;padding:.2rem .6rem;background:#fff;color:#1f3a5f}
    .error{background:#fde8e8;border-left:4px solid #c0392b;padding:.6rem .8rem}
    .ok{background:#e6f4ea;border-left:4px solid #2e7d32;padding:.6rem .8rem}
    .status{font-weight:700}
    h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
    .asof{color:#5b6472}
    figure.chart{margin:1rem 0;background:#fff;padding:.6rem;overflow-x:auto}
    figure.chart svg{width:100%;max-width:40rem;height:auto;display:block}
    figure.chart figcaption{font-size:.85rem;color:#5b6472}
    svg text{font-size:12px;fill:#1d2430}
    svg rect.active{fill:#2e7d32}svg rect.scheduled{fill:#1f6fb2}svg rect.expired{fill:#8a6d00}svg rect.cancelled{fill:#a33a2c}
    dl.figures{display:flex;flex-wrap:wrap;gap:.8rem;margin:0}
    dl.figures div{background:#fff;padding:.6rem 1rem;border-left:4px solid #1f3a5f;min-width:9rem}
    dl.figures dt{font-size:.9rem;color:#5b6472}
    dl.figures dd{margin:0;font-size:1.6rem;font-weight:700}
    .APPLIED{color:#2e7d32}.PARTIAL{color:#8a5300}.REJECTED{color:#c0392b}.DUPLICATE{color:#555}
    dl.receipt{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;padding:.6rem .8rem}
    dl.receipt dt{font-weight:600}dl.receipt dd{margin:0}
    table.errors tbody{border-bottom:2px solid #c9ced6}
    .scroll{overflow-x:auto}
    table.grid input[type=text]{min-width:8rem;max-width:none;padding:.3rem}
    table.grid input:focus{outline:3px solid #1f3a5f}
    .pager{margin:1rem 0}
    @media (max-width:40rem){
      table.cards thead{display:none}
      table.cards tr{display:block;border-bottom:2px solid #dde1e7;padding:.3rem 0}
      table.cards td{display:block;border:0;padding:.15rem .5rem}
      table.cards td.num{text-align:left}
      table.cards td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
    }

    """
}
