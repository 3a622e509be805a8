#!/usr/bin/env python3
"""Dossier benchmark: Terroir against headless Chromium on the same content, and a batch.

On a generated national-scale workspace (`terroir gen --scale national`):
1. One dossier (4 pages, 2 photos) printed by `terroir dossier print` as a whole process,
   RUNS times; the same content as HTML (same font, the same two camera photos) printed by
   `chromium --headless --print-to-pdf`, CHROMIUM_RUNS times, in the same run. Wall time,
   output size, peak memory.
2. 1,000 dossiers, each with two photos, in one `terroir dossier batch`: wall time, time per
   dossier, peak memory.

Usage: bench/dossier.py [--runs 30] [--chromium-runs 5] [--batch 1000]
Results go to bench/out/dossier/results.json; bench/README.md records them.
"""

import argparse
import html
import json
import pathlib
import shutil
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
T = ROOT / "target/release/terroir"
OUT = ROOT / "bench/out/dossier"
FONT = ROOT / "crates/dossier/fonts/NotoSansSC-Regular.ttf"
FONT_BOLD = ROOT / "crates/dossier/fonts/NotoSansSC-Bold.ttf"

HISTORY = (
    "本产品产地种植历史悠久，史志多有记载。明清时期已形成规模化生产，产品经水陆商路远销各地，"
    "当地至今保留传统农事节令与加工技艺，相关民俗活动代代相传。产地处于山地与平原过渡地带，"
    "气候温和、雨量充沛、昼夜温差较大，土壤深厚肥沃，独特的自然因素与人文因素共同造就了产品的"
    "品质特色。近年来，当地政府制定产业发展规划，推行标准化生产，建设标准化示范基地，开展品牌"
    "宣传与市场推广，带动农民增收和乡村振兴。"
)
QUALITY = (
    "感官特征：外形匀整，色泽自然，气味纯正，无异味、无杂质。理化指标按产品标准执行，"
    "关键指标在产地范围内稳定一致。生产过程遵循产地环境、种养殖、采收、加工、贮运等环节的"
    "质量技术要求，不得使用产地范围以外的原料。"
)


def run(*args, **kw):
    return subprocess.run([str(a) for a in args], check=True, capture_output=True, **kw)


def terroir(db, *args):
    return run(T, "--db", db, "--actor", "bench", "--today", "2026-11-28", *args)


def timed(cmd):
    """Wall seconds and peak RSS (KiB) of one process, via GNU time."""
    stats = OUT / "time.txt"
    t0 = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(stats), *map(str, cmd)],
                   check=True, capture_output=True)
    wall = time.perf_counter() - t0
    return wall, int(stats.read_text().split()[-1])


def photos(scale=1.0):
    """Two photos: camera-sized (12 and 8 megapixels), or scaled down for the batch's 999."""
    made = []
    for name, (w, h), spec in [("tea-garden", (4000, 3000), "plasma:green-skyblue"),
                               ("fresh-leaves", (3456, 2304), "plasma:yellowgreen-darkgreen")]:
        name, size = f"{name}-{int(w * scale)}.jpg", f"{int(w * scale)}x{int(h * scale)}"
        p = OUT / name
        if not p.exists():
            run("convert", "-seed", "2021", "-size", size, spec, "-quality", "92", p)
        made.append(p)
    return made


def html_of(view, photo_files):
    """The dossier's content as an HTML page a clerk might print from a browser."""
    e = html.escape
    v = view["view"]
    prot_rows = []
    for p in v["protections"]:
        if p["regime"] == "product_approval":
            prot_rows.append(("地理标志产品保护", p["announcement_no"], p.get("announced_on") or "", p.get("standard_no") or ""))
        elif p["regime"] == "gi_trademark":
            prot_rows.append(("地理标志商标", "注册号 " + p["reg_no"], p.get("registered_on") or "", p["mark"]))
        else:
            prot_rows.append(("农产品地理标志", p["certificate_no"], p.get("registered_on") or "", ""))
    users = "".join(
        f"<tr><td>{i + 1}</td><td>{e(u['name'])}</td><td>{e(u['credit_code'])}</td><td>{e(u['address'])}</td></tr>"
        for i, u in enumerate(v["users"]))
    prots = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in prot_rows)
    imgs = [f'<figure><img src="file://{p}"><figcaption>{e(c or "")}</figcaption></figure>'
            for p, c in photo_files]
    paras = lambda t: "".join(f"<p>{e(x)}</p>" for x in (t or "").split("\n") if x.strip())
    return f"""<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>{e(v['name'])}</title>
<style>
@font-face {{ font-family: NotoSC; src: url(file://{FONT}); font-weight: 400; }}
@font-face {{ font-family: NotoSC; src: url(file://{FONT_BOLD}); font-weight: 700; }}
@page {{ size: A4; margin: 24mm 20mm 22mm 20mm; }}
body {{ font-family: NotoSC; font-size: 10.5pt; line-height: 1.75; color: #1a1a1a; }}
h1 {{ font-size: 34pt; color: #1e5b3a; margin: 0; }} h2 {{ color: #1e5b3a; font-size: 15pt; border-bottom: 1px solid #ccd; }}
p {{ text-indent: 2em; text-align: justify; margin: 0 0 .5em; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9pt; }} thead {{ display: table-header-group; }}
th {{ background: #1e5b3a; color: #fff; text-align: left; }} td, th {{ padding: 4pt; border-bottom: .4pt solid #ccd; }}
tr {{ break-inside: avoid; }} img {{ width: 100%; max-height: 112mm; object-fit: contain; }}
figure {{ margin: 0 0 8pt; text-align: center; color: #666; font-size: 9pt; }} .cover {{ break-after: page; }}
</style>
<div class="cover"><p>地理标志产品 · 品牌推介资料</p><h1>{e(v['name'])}</h1><p>{e(v['region'])} · {e(v.get('category') or '')}</p>
{imgs[0] if imgs else ''}<p>{e(v.get('issuer') or '')}</p><p>{e(v['qr_text'])}</p></div>
<h2>产品概况</h2>{paras(v.get('profile'))}
<h2>历史渊源与人文关联</h2>{paras(v.get('history'))}
<h2>产地范围</h2><p>{e('、'.join(v['area']['divisions']))}</p>{paras(v['area'].get('description'))}
<h2>质量特色与标准</h2>{paras(v.get('quality'))}
<h2>保护情况</h2><table><thead><tr><th>保护方式</th><th>编号</th><th>日期</th><th>说明</th></tr></thead><tbody>{prots}</tbody></table>
<h2>授权使用人</h2><table><thead><tr><th>序号</th><th>使用人名称</th><th>统一社会信用代码</th><th>地址</th></tr></thead><tbody>{users}</tbody></table>
<h2>产品图片</h2>{''.join(imgs[1:])}
<h2>联系方式</h2>{paras(v.get('contact'))}
</html>"""


def pages(pdf):
    info = run("pdfinfo", pdf).stdout.decode()
    return int(next(l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--chromium-runs", type=int, default=5)
    ap.add_argument("--batch", type=int, default=1000)
    args = ap.parse_args()

    subprocess.run(["cargo", "build", "--release", "-q", "-p", "terroir-cli"], cwd=ROOT, check=True)
    shutil.rmtree(OUT / "ws", ignore_errors=True)
    (OUT / "ws").mkdir(parents=True)
    db = OUT / "ws/terroir.db"
    terroir(db, "init")
    t0 = time.perf_counter()
    terroir(db, "gen", "--scale", "national")
    print(f"national workspace generated in {time.perf_counter() - t0:.1f} s")
    terroir(db, "dossier", "settings", "--issuer", "某市市场监督管理局（知识产权局）", "--contact", "0376-6200000")

    gis = json.loads(terroir(db, "--json", "gi", "list", "--limit", str(args.batch)).stdout)
    codes = [g["code"] for g in gis]
    # Camera photos for the measured dossier; smaller ones for the rest of the batch (adding a
    # 12-megapixel photo costs ~0.3 s of decoding, once, and would only slow the setup).
    hero, leaves = photos()
    t0 = time.perf_counter()
    terroir(db, "gi", "photo", codes[0], hero, "--caption", "产地茶园")
    terroir(db, "gi", "photo", codes[0], leaves, "--caption", "鲜叶")
    add_each = (time.perf_counter() - t0) / 2
    print(f"camera photos added in {add_each * 1000:.0f} ms each (decode, orient, resize, encode)")
    small_hero, small_leaves = photos(0.45)
    for code in codes[1:]:
        terroir(db, "gi", "photo", code, small_hero, "--caption", "产地茶园")
        terroir(db, "gi", "photo", code, small_leaves, "--caption", "鲜叶")

    # The single dossier: the first product, with history and quality text, 4 pages.
    code = codes[0]
    terroir(db, "gi", "edit", code, "--history", HISTORY + "\n" + HISTORY, "--quality-requirements", QUALITY)
    single = OUT / "terroir.pdf"
    terroir(db, "dossier", "print", code, "-o", single)
    n_pages = pages(single)
    walls, rss = [], []
    for _ in range(args.runs):
        w, m = timed([T, "--db", db, "dossier", "print", code, "-o", single])
        walls.append(w)
        rss.append(m)

    out = subprocess.run([str(T), "--db", str(db), "dossier", "view", code], capture_output=True)
    view = json.loads(out.stdout)
    # The HTML gets the photos a clerk has: the camera files (Terroir prints its 300 dpi copies).
    photo_files = [(hero, "产地茶园"), (leaves, "鲜叶")]
    page = OUT / "chromium.html"
    page.write_text(html_of(view, photo_files))
    chromium_pdf = OUT / "chromium.pdf"
    c_walls, c_rss = [], []
    for _ in range(args.chromium_runs):
        w, m = timed(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                      f"--print-to-pdf={chromium_pdf}", f"file://{page}"])
        c_walls.append(w)
        c_rss.append(m)

    # The batch.
    batch_dir = OUT / "batch"
    shutil.rmtree(batch_dir, ignore_errors=True)
    b_wall, b_rss = timed([T, "--db", db, "dossier", "batch", *codes, "-o", batch_dir])
    b_files = list(batch_dir.glob("*.pdf"))
    b_bytes = sum(f.stat().st_size for f in b_files)

    med = statistics.median
    res = {
        "single": {
            "pages": n_pages,
            "photos": 2,
            "terroir_ms_median": round(med(walls) * 1000, 1),
            "terroir_ms_p90": round(sorted(walls)[int(len(walls) * 0.9) - 1] * 1000, 1),
            "terroir_peak_rss_mb": round(max(rss) / 1024, 1),
            "terroir_bytes": single.stat().st_size,
            "chromium_pages": pages(chromium_pdf),
            "chromium_ms_median": round(med(c_walls) * 1000, 1),
            "chromium_peak_rss_mb": round(max(c_rss) / 1024, 1),
            "chromium_bytes": chromium_pdf.stat().st_size,
        },
        "batch": {
            "dossiers": len(b_files),
            "seconds": round(b_wall, 2),
            "ms_each": round(b_wall * 1000 / max(len(b_files), 1), 2),
            "peak_rss_mb": round(b_rss / 1024, 1),
            "total_mb": round(b_bytes / 1e6, 1),
        },
        "photo_add_ms_each": round(add_each * 1000, 1),
    }
    s = res["single"]
    s["speedup"] = round(s["chromium_ms_median"] / s["terroir_ms_median"], 1)
    s["size_ratio"] = round(s["terroir_bytes"] / s["chromium_bytes"], 3)
    (OUT / "results.json").write_text(json.dumps(res, indent=2, ensure_ascii=False))
    print(json.dumps(res, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
