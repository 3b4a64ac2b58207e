/* congkhai procedure search — plain JS, no framework, no third-party requests.
 *
 * Two parts in one file:
 *  - the engine (createEngine, analyse, …): fetches only the index files a query needs,
 *    relative to a base URL, and ranks procedures; it also runs under Node for tests;
 *  - the UI (attach): enhances a search form marked with data-ck-search (see README in
 *    REPORT.md "Integration"): labelled input, live result count, results as links, filters as
 *    native <select>s whose options load only when opened or after the first results.
 *
 * Normalisation mirrors engine/normalize.py exactly (tests/test_normalize.py checks it).
 */
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.CongkhaiSearch = api;
  if (typeof document !== "undefined") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", api.attachAll);
    else api.attachAll();
  }
}(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // --- Normalisation (twin of engine/normalize.py) -------------------------------------------
  var I_Y = { ki: "ky", li: "ly", mi: "my", ti: "ty", si: "sy", hi: "hy" };
  var MARKS = /[\u0300-\u036f]/g;
  var TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\u0300-\u036f]*/gu;
  var CODE = /(?<![\w.])\d\.\d{6}(?:\.[a-z]\d+)?(?![\w.])/g;
  var NAME_PREFIX = ["thu", "tuc"];

  function nfcLower(text) { return String(text).normalize("NFC").toLowerCase(); }

  function foldToken(token) {
    var bare = token.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").normalize("NFC");
    return Object.prototype.hasOwnProperty.call(I_Y, bare) ? I_Y[bare] : bare;
  }

  /** Accented token with its tone mark moved to the end: "hoá" and "hóa" give one key. */
  function accentKey(token) {
    var d = token.normalize("NFD");
    var tones = (d.match(TONES) || []).sort().join("");
    return d.replace(TONES, "").normalize("NFC") + tones;
  }

  /** True when a token carries no mark and no đ (typed without accents). */
  function isPlain(token) {
    return token.indexOf("đ") < 0 && !/[\u0300-\u036f]/.test(token.normalize("NFD"));
  }

  /** Accented, folded and accent-key tokens of a text, one to one. */
  function analyse(text) {
    var acc = nfcLower(text).match(TOKEN) || [];
    return { acc: acc, fold: acc.map(foldToken), keys: acc.map(accentKey) };
  }

  function seqAt(list, at, seq) {
    if (at + seq.length > list.length) return false;
    for (var i = 0; i < seq.length; i++) if (list[at + i] !== seq[i]) return false;
    return true;
  }

  function take(t, keep) {
    return {
      acc: t.acc.filter(function (_, i) { return keep[i]; }),
      fold: t.fold.filter(function (_, i) { return keep[i]; }),
      keys: t.keys.filter(function (_, i) { return keep[i]; })
    };
  }

  /** Leave out stop words: by accent key; in a query also bare ones that are safe to drop. */
  function dropStops(t, words, query) {
    var keep = t.fold.map(function () { return true; });
    var i = 0;
    while (i < t.fold.length) {
      var len = 0;
      words.stop.forEach(function (p) { if (!len && seqAt(t.keys, i, p)) len = p.length; });
      if (!len && query) {
        words.stopFold.forEach(function (p) {
          if (!len && seqAt(t.fold, i, p) && t.acc.slice(i, i + p.length).every(isPlain)) len = p.length;
        });
      }
      if (len) { for (var k = 0; k < len; k++) keep[i + k] = false; i += len; } else i++;
    }
    return take(t, keep);
  }

  /** Name, keyword or body text as the index counts it (twin of build.index_tokens). */
  function indexTokens(text, words) { return dropStops(analyse(text), words, false); }

  /** A name as the index counts it: no leading "Thủ tục", no stop words. */
  function nameTokens(name, words) {
    var t = indexTokens(name, words);
    if (t.fold.length > 2 && t.fold[0] === NAME_PREFIX[0] && t.fold[1] === NAME_PREFIX[1]) {
      return { acc: t.acc.slice(2), fold: t.fold.slice(2), keys: t.keys.slice(2) };
    }
    return t;
  }

  /** Bit i set when the tokens contain variant word i (twin of build.variant_mask). */
  function variantMask(list, phrases) {
    var mask = 0;
    phrases.forEach(function (p, bit) {
      for (var i = 0; i + p.length <= list.length; i++) {
        if (seqAt(list, i, p)) { mask |= 1 << bit; return; }
      }
    });
    return mask;
  }

  function fnv1a(text) {
    var bytes = new TextEncoder().encode(text), h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  // --- Ranking -------------------------------------------------------------------------------
  // For one reading of the query (the words as typed, or with citizens' words replaced):
  //   syllable i weighs w_i = ln(1 + N/df_i): "đăng", "ký", "cấp" weigh little;
  //   the pair (i, i+1) weighs p_i = ln(1 + N/(1 + df of the pair adjacent in names)):
  //   a rare phrase ("kết hôn") weighs more than its syllables, a stock one ("giấy phép") less.
  //   U = Σ w_i × field where syllable i occurs (name 1, keywords KW, body BODY)
  //   P = Σ p_i × field where syllables i, i+1 stand adjacent and in order
  //   main = (U + P) / (Σ w_i + Σ p_i)  — the share of the query the document answers, 0…1.
  // The body holds only pairs and weighs BODY < KW < 1: it finds, it never beats the same words
  // in a name. A document's score is its best reading. Ties on main are broken by exact
  // accents, then by the name's shape: 1/(1 + position of the first match) + share of the
  // name the query covers − 0.5 per variant word ("lại", "gia hạn"…) the query did not ask for
  // (so "Đăng ký kết hôn" precedes "Đăng ký lại kết hôn" and "… có yếu tố nước ngoài"),
  // then by catalogue order.
  var W = { KW: 0.7, BODY: 0.25, BODY_BELOW: 0.5, RELATIVE: 0.4, CANDIDATES: 15, PAGE: 10, COMPLETIONS: 4, VARIANT: 0.5 };

  function hasAdjacent(a, b) {
    if (!a || !b) return false;
    for (var i = 0; i < a.length; i++) if (b.indexOf(a[i] + 1) >= 0) return true;
    return false;
  }

  function popcount(x) { var c = 0; while (x) { c += x & 1; x >>>= 1; } return c; }

  /**
   * Score one reading against one document. slots[i].w weights, pairW[i] pair weights;
   * pos.name[i] / pos.kw[i]: sorted positions or null; body[i]: pair i found in the body.
   */
  function scoreVariant(slots, pairW, pos, body, doc) {
    var n = slots.length, unigram = 0, pair = 0, wsum = 0, psum = 0, lead = doc.len, covered = {};
    for (var i = 0; i < n; i++) {
      var w = slots[i].w, field = 0;
      wsum += w;
      if (pos.name[i]) {
        field = 1;
        lead = Math.min(lead, pos.name[i][0]);
        pos.name[i].forEach(function (p) { covered[p] = 1; });
      } else if (pos.kw[i]) field = W.KW;
      else if ((i > 0 && body[i - 1]) || body[i]) field = W.BODY;
      unigram += w * field;
      if (i < n - 1) {
        psum += pairW[i];
        // The body only vouches for a pair when the name lacks one of its words: when the
        // name has both, the name alone says how they relate.
        var inName = pos.name[i] && pos.name[i + 1];
        pair += pairW[i] * (hasAdjacent(pos.name[i], pos.name[i + 1]) ? 1
          : hasAdjacent(pos.kw[i], pos.kw[i + 1]) ? W.KW : body[i] && !inName ? W.BODY : 0);
      }
    }
    var extra = popcount(doc.mask & ~doc.asked);
    return {
      main: wsum + psum ? Math.round((unigram + pair) / (wsum + psum) * 1e9) / 1e9 : 0,
      cover: wsum ? unigram / wsum : 0,
      shape: doc.len ? 1 / (1 + lead) + Object.keys(covered).length / doc.len - W.VARIANT * Math.min(extra, 2) : 0
    };
  }

  function compareHits(a, b) {
    return (b.main - a.main) || (b.accent - a.accent) || (b.shape - a.shape) || (a.doc - b.doc);
  }

  // --- Query planning ------------------------------------------------------------------------

  /** The manifest's word lists, split into token arrays (cached on the manifest). */
  function words(m) {
    if (m._words) return m._words;
    var w = m.words, split = function (p) { return p.split(" "); };
    var variants = w.variants.map(split);
    m._words = {
      rules: w.rules.map(function (r) { return [split(r[0]), split(r[1])]; }),
      ignore: w.ignore.map(split), stop: w.stop.map(split), stopFold: w.stopFold.map(split),
      variants: variants,
      variantFolds: variants.map(function (p) { return p.map(foldToken); })
    };
    return m._words;
  }

  /** Indexed terms of a rule, both sides (twin of build.pack_terms). */
  function packTerms(rule, df) {
    var seen = {};
    return rule[0].concat(rule[1]).filter(function (f) { return df.has(f) && !seen[f] && (seen[f] = 1); });
  }

  function vocabulary(m) {
    if (m._vocab) return m._vocab;
    var terms = m.vocab ? m.vocab.split(" ") : [], df = new Map();
    terms.forEach(function (t, i) { df.set(t, m.df[i]); });
    m._vocab = { terms: terms, df: df };
    return m._vocab;
  }

  function idf(m, term) {
    return Math.log(1 + m.docs / (vocabulary(m).df.get(term) || 1));
  }

  /** Drop "thủ tục …", "… như thế nào" and the like at either end of the query. */
  function stripIgnored(t, ignore) {
    var changed = true;
    while (changed) {
      changed = false;
      for (var i = 0; i < ignore.length && !changed; i++) {
        var p = ignore[i], n = t.fold.length, keep = null;
        if (p.length >= n) continue;
        if (seqAt(t.fold, 0, p)) keep = t.fold.map(function (_, k) { return k >= p.length; });
        else if (seqAt(t.fold, n - p.length, p)) keep = t.fold.map(function (_, k) { return k < n - p.length; });
        if (keep) { t = take(t, keep); changed = true; }
      }
    }
    return t;
  }

  function slotKey(v) {
    return v.map(function (s) { return s.terms.join("|") + (s.prefix ? "*" : ""); }).join(" ");
  }

  /**
   * Readings of a query: as typed, then with citizens' words replaced (all together, then each
   * alone). A reading is a list of slots {terms: [folded], acc: accent key or null, prefix}.
   */
  function plan(query, m) {
    var wl = words(m), vocab = vocabulary(m);
    var text = nfcLower(query);
    var codes = text.match(CODE) || [];
    var t = stripIgnored(dropStops(analyse(text.replace(CODE, " ")), wl, true), wl.ignore);
    var n = t.fold.length;
    // The last syllable is still being typed unless the query ends with a space: a one-letter
    // ending, or one that is no syllable of any name, is matched as a prefix.
    var last = n ? t.fold[n - 1] : "";
    var partial = n > 0 && !/\s$/.test(query) && (last.length === 1 || !vocab.df.has(last)) ? last : null;
    var base = t.fold.map(function (f, i) {
      return { terms: [f], acc: isPlain(t.acc[i]) ? null : t.keys[i], prefix: partial !== null && i === n - 1 };
    });
    var matches = [];
    wl.rules.forEach(function (rule, r) {
      for (var at = 0; at < n; at++) if (seqAt(t.fold, at, rule[0])) matches.push({ at: at, len: rule[0].length, to: rule[1], rule: r });
    });
    function apply(selected) {
      var out = [], i = 0;
      selected.slice().sort(function (a, b) { return a.at - b.at; }).forEach(function (mt) {
        for (; i < mt.at; i++) out.push(base[i]);
        mt.to.forEach(function (f) { out.push({ terms: [f], acc: null, prefix: false }); });
        i = mt.at + mt.len;
      });
      for (; i < n; i++) out.push(base[i]);
      return out;
    }
    var variants = [base];
    if (matches.length) {
      var chosen = [], used = {};
      matches.slice().sort(function (a, b) { return (b.len - a.len) || (a.at - b.at); }).forEach(function (mt) {
        for (var k = mt.at; k < mt.at + mt.len; k++) if (used[k]) return;
        for (k = mt.at; k < mt.at + mt.len; k++) used[k] = 1;
        chosen.push(mt);
      });
      variants.push(apply(chosen));
      matches.forEach(function (mt) { variants.push(apply([mt])); });
    }
    var seen = {};
    variants = variants.filter(function (v) {
      var key = slotKey(v);
      if (!v.length || seen[key]) return false;
      return (seen[key] = true);
    }).slice(0, 8);
    if (partial && partial.length >= 2) {
      // Complete a partial syllable with the commonest syllables it starts.
      var completions = vocab.terms.filter(function (f) { return f.indexOf(partial) === 0; })
        .sort(function (a, b) { return (vocab.df.get(b) - vocab.df.get(a)) || (a < b ? -1 : 1); })
        .slice(0, W.COMPLETIONS);
      if (completions.length) {
        variants.forEach(function (v) {
          var s = v[v.length - 1];
          if (s.prefix) v[v.length - 1] = { terms: completions, acc: s.acc, prefix: true, typed: partial };
        });
      }
    }
    var asked = 0;
    variants.forEach(function (v) {
      v.forEach(function (s) { s.w = Math.max.apply(null, s.terms.map(function (f) { return idf(m, f); })); });
      asked |= variantMask(v.map(function (s) { return s.typed || s.terms[0]; }), wl.variantFolds);
    });
    return {
      codes: codes, variants: variants, asked: asked,
      rules: matches.map(function (mt) { return mt.rule; }),
      accented: t.acc.some(function (a) { return !isPlain(a); })
    };
  }

  // --- Index access --------------------------------------------------------------------------

  function decodeName(flat) {
    var map = new Map(), i = 0, doc = 0;
    while (i < flat.length) {
      doc += flat[i];
      var count = flat[i + 3];
      map.set(doc, { len: flat[i + 1], mask: flat[i + 2], pos: flat.slice(i + 4, i + 4 + count) });
      i += 4 + count;
    }
    return map;
  }

  function decodeKw(flat) {
    var map = new Map(), i = 0, doc = 0;
    while (i < flat.length) {
      doc += flat[i];
      var count = flat[i + 1];
      map.set(doc, flat.slice(i + 2, i + 2 + count));
      i += 2 + count;
    }
    return map;
  }

  function undelta(list) {
    var out = new Array(list.length), doc = 0;
    for (var i = 0; i < list.length; i++) { doc += list[i]; out[i] = doc; }
    return out;
  }

  function mergedPositions(terms, lookup) {
    var out = null;
    terms.forEach(function (f) {
      var ps = lookup(f);
      if (ps && ps.length) out = out ? out.concat(ps).sort(function (a, b) { return a - b; }) : ps;
    });
    return out;
  }

  function anyPair(as, bs, body, d) {
    for (var i = 0; i < as.length; i++) {
      for (var j = 0; j < bs.length; j++) {
        var set = body.get(as[i] + " " + bs[j]);
        if (set && set.has(d)) return true;
      }
    }
    return false;
  }

  /**
   * The search engine over one index folder. baseUrl: absolute URL of the folder, ending
   * with "/". io.json(url) → Promise of the parsed JSON or null (defaults to fetch).
   */
  function createEngine(baseUrl, io) {
    io = io || {
      json: function (url) { return fetch(url).then(function (r) { return r.ok ? r.json() : null; }); }
    };
    var cache = new Map(), manifestP = null, loaded = null;

    function manifest() {
      if (!manifestP) {
        manifestP = io.json(baseUrl + "manifest.json").then(function (m) {
          if (!m || m.format !== 1) throw new Error("search index: missing or unknown format");
          loaded = m;
          return m;
        });
        manifestP.catch(function () { manifestP = null; });
      }
      return manifestP;
    }
    function remember(key, p) {
      p.catch(function () { cache.delete(key); });
      cache.set(key, p);
      return p;
    }
    /** Any index file but the manifest; the build version in the URL defeats stale caches. */
    function get(path) {
      if (!cache.has(path)) {
        remember(path, manifest().then(function (m) { return io.json(baseUrl + path + "?v=" + m.version); }));
      }
      return cache.get(path);
    }
    function termPath(f) { return "t/" + fnv1a(f).toString(36) + ".json"; }
    /**
     * A term file fetched without waiting for the manifest (its name depends on the term only),
     * so the first query costs one round trip less. Its "@v" must match the manifest's
     * "terms" (a digest of the term files: unchanged by edits that change no name or
     * keyword); an older copy (cache across a deploy) is fetched again with the version.
     */
    function termFile(f) {
      var path = termPath(f), key = "early:" + path;
      if (!cache.has(key)) remember(key, io.json(baseUrl + path).catch(function () { return null; }));
      return cache.get(key);
    }
    /**
     * A term's postings: from a file already asked for before the manifest came, else from
     * the pack of a citizens'-words rule the query matched (one file for all of the rule's
     * terms), else from the term's own file.
     */
    function term(m, f, pack) {
      if (!vocabulary(m).df.has(f)) return Promise.resolve(null);
      var early = cache.has("early:" + termPath(f));
      var source = !early && pack !== undefined ? get("r/" + pack.toString(36) + ".json")
        : termFile(f).then(function (file) {
          return file && file["@v"] === m.terms ? file : get(termPath(f));
        });
      return source.then(function (file) {
        var entry = file && file[f];
        if (!entry) return null;
        if (!entry._n) { entry._n = decodeName(entry.n || []); entry._k = decodeKw(entry.k || []); }
        return entry;
      });
    }
    /** Start fetching the files of the query's own syllables at once, before the manifest. */
    function prefetchTerms(query) {
      var seen = {};
      analyse(nfcLower(query).replace(CODE, " ")).fold.forEach(function (f) {
        if (!seen[f] && f.length > 1) { seen[f] = 1; termFile(f); }
      });
    }
    function bodyPair(m, pair) {
      return get("b/" + (fnv1a(pair) % m.bodyBuckets).toString(36) + ".json").then(function (file) {
        var list = file && file[pair];
        return list ? new Set(undelta(list)) : null;
      });
    }
    function facetDocs(facet, i) {
      return get("f/" + facet + "-" + i + ".json").then(function (list) { return new Set(undelta(list || [])); });
    }

    /** Display data of docs, in the given order, fetching only their shards. */
    function describe(docs) {
      return manifest().then(function (m) {
        var size = m.shardSize;
        return Promise.all(docs.map(function (d) { return get("d/" + Math.floor(d / size) + ".json"); }))
          .then(function (shards) {
            return docs.map(function (d, k) {
              var s = shards[k], j = d % size, code = s.c[j];
              return { doc: d, code: code, name: s.n[j], sector: s.s[j],
                       url: (s.x && s.x[j]) || m.urlPattern.replace("{code}", code) };
            });
          });
      });
    }

    function lookupCodes(codes) {
      return Promise.all(codes.map(function (code) {
        return get("c/" + code.slice(0, 6) + ".json").then(function (map) {
          if (!map) return [];
          // The code itself first, then its variants (1.001193.s01 …).
          return Object.keys(map).filter(function (c) { return c === code || c.indexOf(code + ".") === 0; })
            .sort().map(function (c) { return map[c]; });
        });
      })).then(function (lists) { return [].concat.apply([], lists); });
    }

    /** filters: {facet: option index}. Resolves to a Set of docs, or null when none is chosen. */
    function filterSet(filters) {
      var keys = Object.keys(filters || {}).filter(function (k) { return filters[k] !== "" && filters[k] != null; });
      if (!keys.length) return Promise.resolve(null);
      return Promise.all(keys.map(function (k) { return facetDocs(k, filters[k]); })).then(function (sets) {
        return sets.reduce(function (acc, s) { return new Set(Array.from(acc).filter(function (d) { return s.has(d); })); });
      });
    }

    /** term → pack file number, for the terms of the rules a query matched. */
    function packsFor(m, rules) {
      var out = new Map(), wl = words(m), packs = m.packs || [];
      rules.forEach(function (r) {
        if (packs[r] === undefined || packs[r] < 0) return;
        packTerms(wl.rules[r], vocabulary(m).df).forEach(function (f) { if (!out.has(f)) out.set(f, packs[r]); });
      });
      return out;
    }

    function result(hits) {
      return {
        total: hits.length, hits: hits,
        page: function (k) { return describe(hits.slice(k * W.PAGE, (k + 1) * W.PAGE).map(function (h) { return h.doc; })); }
      };
    }

    /**
     * Search. Resolves to {total, hits, page(k) → Promise of [{code, name, sector, url}]}.
     * Stage 1 ranks every document the postings name; stage 2 re-ranks the best CANDIDATES on
     * their full names (exact accents, a partial last syllable).
     */
    function search(query, filters) {
      // Before the manifest is in, fetch the typed syllables' files meanwhile (one round
      // trip saved); once it is in, the plan says exactly which files are needed.
      if (!loaded) prefetchTerms(query);
      return manifest().then(function (m) {
        var p = plan(query, m), terms = new Set(), pairs = new Set();
        p.variants.forEach(function (v) {
          v.forEach(function (s) { s.terms.forEach(function (f) { terms.add(f); }); });
          for (var i = 0; i + 1 < v.length; i++) {
            v[i].terms.forEach(function (a) { v[i + 1].terms.forEach(function (b) { pairs.add(a + " " + b); }); });
          }
        });
        var termList = Array.from(terms), pairList = Array.from(pairs), packOf = packsFor(m, p.rules);
        return Promise.all([
          Promise.all(termList.map(function (f) { return term(m, f, packOf.get(f)); })),
          lookupCodes(p.codes), filterSet(filters)
        ]).then(function (got) {
          var post = new Map();
          termList.forEach(function (f, i) { if (got[0][i]) post.set(f, got[0][i]); });
          var hits = stage1(m, p, post, new Map(), got[2]);
          // The body is a fallback: it is fetched only when no name (or keyword list) answers
          // half the query. Fetched for every query, it changed no top-3 result of the query
          // sets (REPORT.md), and it costs one more round of requests.
          if (hits.length && hits[0].main >= W.BODY_BELOW) return finish(m, p, hits, got[1], got[2]);
          return Promise.all(pairList.map(function (pr) { return bodyPair(m, pr); })).then(function (lists) {
            var body = new Map();
            pairList.forEach(function (pr, i) { if (lists[i]) body.set(pr, lists[i]); });
            return finish(m, p, stage1(m, p, post, body, got[2]), got[1], got[2]);
          });
        });
      });
    }

    /** Stage 1: score every document the postings name (filters applied), best first. */
    function stage1(m, p, post, body, allowed) {
      var docs = new Map();  // doc → {len, mask}
      var candidates = new Set();
      post.forEach(function (e) {
        e._n.forEach(function (v, d) { candidates.add(d); docs.set(d, { len: v.len, mask: v.mask }); });
        e._k.forEach(function (v, d) { candidates.add(d); });
      });
      body.forEach(function (set) { set.forEach(function (d) { candidates.add(d); }); });
      // Per slot, the postings of its terms, looked up once (this loop runs for every
      // candidate: on a slow phone it is most of the CPU a query costs).
      function entries(terms) {
        return terms.map(function (f) { return post.get(f); }).filter(Boolean);
      }
      function positions(list, d, name) {
        var out = null;
        for (var k = 0; k < list.length; k++) {
          var x = name ? list[k]._n.get(d) : list[k]._k.get(d), ps = name ? x && x.pos : x;
          if (ps && ps.length) out = out ? out.concat(ps).sort(function (a, b) { return a - b; }) : ps;
        }
        return out;
      }
      var slotEntries = p.variants.map(function (v) { return v.map(function (s) { return entries(s.terms); }); });
      // Pair weights from how many names hold the pair adjacent (the same pair recurs across
      // readings: counted once).
      var pairCache = p.pairCache || (p.pairCache = new Map());
      p.variants.forEach(function (v, vi) {
        v.pairW = [];
        for (var i = 0; i + 1 < v.length; i++) {
          var key = v[i].terms.join("|") + " " + v[i + 1].terms.join("|");
          if (!pairCache.has(key)) {
            var df = 0, seen = new Set(), a = slotEntries[vi][i], b = slotEntries[vi][i + 1];
            a.forEach(function (e) { e._n.forEach(function (_, d) { seen.add(d); }); });
            seen.forEach(function (d) { if (hasAdjacent(positions(a, d, true), positions(b, d, true))) df++; });
            pairCache.set(key, Math.log(1 + m.docs / (1 + df)));
          }
          v.pairW[i] = pairCache.get(key);
        }
      });
      var hits = [], noBody = body.size === 0;
      candidates.forEach(function (d) {
        if (allowed && !allowed.has(d)) return;
        var info = docs.get(d) || { len: 0, mask: 0 }, best = null;
        var doc = { len: info.len, mask: info.mask, asked: p.asked };
        p.variants.forEach(function (v, vi) {
          var pos = { name: [], kw: [] }, flags = [], se = slotEntries[vi];
          for (var i = 0; i < v.length; i++) {
            pos.name[i] = positions(se[i], d, true);
            pos.kw[i] = positions(se[i], d, false);
            if (i + 1 < v.length) flags[i] = noBody ? false : anyPair(v[i].terms, v[i + 1].terms, body, d);
          }
          var sc = scoreVariant(v, v.pairW, pos, flags, doc);
          if (!best || sc.main > best.main || (sc.main === best.main && sc.shape > best.shape)) {
            best = sc; best.variant = v; best.flags = flags; best.kw = pos.kw;
          }
        });
        if (best && best.main > 0) { best.doc = d; best.accent = 0; hits.push(best); }
      });
      hits.sort(compareHits);
      // Results are the documents answering a fair share of what the best one answers.
      var floor = hits.length ? hits[0].main * W.RELATIVE : 0;
      return hits.filter(function (h) { return h.main >= floor; });
    }

    /** Codes first, then stage 2 on the best candidates. */
    function finish(m, p, hits, codeDocs, allowed) {
      codeDocs = codeDocs.filter(function (d) { return !allowed || allowed.has(d); });
      if (codeDocs.length) {
        // A typed procedure code comes first, whatever the words say.
        var codeSet = new Set(codeDocs);
        hits = codeDocs.map(function (d) { return { doc: d, main: 2, accent: 0, shape: 0 }; })
          .concat(hits.filter(function (h) { return !codeSet.has(h.doc); }));
      }
      // Stage 2 looks at the first page and whatever ties with its last hit (up to CANDIDATES):
      // it only reorders near-equal hits, and each candidate costs its display shard.
      var cut = Math.min(W.PAGE, hits.length);
      while (cut < hits.length && cut < W.CANDIDATES && hits[cut].main === hits[cut - 1].main) cut++;
      var top = hits.slice(0, cut);
      return describe(top.map(function (h) { return h.doc; })).then(function (items) {
        items.forEach(function (item, k) { rerank(m, p, top[k], item); });
        top.sort(compareHits);
        return result(top.concat(hits.slice(cut)));
      });
    }

    /** Stage 2: the name part again from the full name; accents; a partial last syllable. */
    function rerank(m, p, hit, item) {
      if (!hit.variant) return;
      var wl = words(m), nt = nameTokens(item.name, wl), v = hit.variant.slice(), pos = { name: [], kw: hit.kw };
      v.forEach(function (s, i) {
        var found = [];
        nt.fold.forEach(function (f, k) {
          if (s.terms.indexOf(f) >= 0 || (s.prefix && f.indexOf(s.typed || s.terms[0]) === 0)) found.push(k);
        });
        pos.name[i] = found.length ? found : null;
        if (s.prefix && found.length) {
          // A completed syllable weighs like the syllable it became, preferably the one that
          // follows the previous syllable of the query.
          var prev = i > 0 ? pos.name[i - 1] : null;
          var at = found.filter(function (k) { return prev && prev.indexOf(k - 1) >= 0; })[0];
          v[i] = Object.assign({}, s, { w: idf(m, nt.fold[at === undefined ? found[0] : at]) });
        }
      });
      var doc = { len: nt.fold.length, mask: variantMask(nt.keys, wl.variants), asked: p.asked };
      var sc = scoreVariant(v, hit.variant.pairW, pos, hit.flags, doc);
      hit.main = sc.main; hit.shape = sc.shape; hit.cover = sc.cover;
      if (p.accented) {
        hit.accent = v.reduce(function (count, s, i) {
          return count + (s.acc && pos.name[i] && pos.name[i].some(function (k) { return nt.keys[k] === s.acc; }) ? 1 : 0);
        }, 0);
      }
    }

    return {
      search: search, describe: describe, manifest: manifest,
      facetOptions: function (facet) { return get("f/" + facet + ".json"); },
      /** Every document of the chosen filters, in catalogue order (no query). */
      browse: function (filters) {
        return filterSet(filters).then(function (set) {
          var list = set ? Array.from(set).sort(function (a, b) { return a - b; }) : [];
          return result(list.map(function (d) { return { doc: d }; }));
        });
      }
    };
  }

  // --- UI --------------------------------------------------------------------------------------
  var TEXT = {
    searching: "Đang tìm…",
    none: function (q) { return "Không tìm thấy thủ tục nào cho “" + q + "”."; },
    found: function (n, q) { return "Tìm thấy " + n + " thủ tục" + (q ? " cho “" + q + "”" : "") + "."; },
    more: "Xem thêm kết quả",
    error: "Chưa tải được dữ liệu tìm kiếm. Vui lòng thử lại.",
    code: "Mã"
  };

  function attachAll() {
    var roots = document.querySelectorAll("[data-ck-search]");
    for (var i = 0; i < roots.length; i++) attach(roots[i]);
  }

  /**
   * Enhance one search block. Expected markup (any extra markup is kept):
   *   <div data-ck-search data-ck-index="search/" data-ck-root="./">
   *     <form role="search"> <label for=…>…</label> <input type="search" name="q" id=…>
   *       <select data-ck-filter="sector" name="sector" aria-label/label…><option value="">…</option></select> …
   *     </form>
   *     <p data-ck-status role="status" aria-live="polite"></p>
   *     <ol data-ck-results></ol>
   *   </div>
   * data-ck-index and data-ck-root are resolved against the page URL, so the site works
   * under any sub-path.
   */
  function attach(rootEl) {
    if (rootEl._ckSearch) return rootEl._ckSearch;
    var base = new URL(rootEl.getAttribute("data-ck-index") || "search/", document.baseURI).href;
    var siteRoot = new URL(rootEl.getAttribute("data-ck-root") || "./", document.baseURI).href;
    var engine = createEngine(base);
    var form = rootEl.querySelector("form");
    var input = rootEl.querySelector("input[type=search], input[name=q]");
    var status = rootEl.querySelector("[data-ck-status]");
    var list = rootEl.querySelector("[data-ck-results]");
    var selects = Array.prototype.slice.call(rootEl.querySelectorAll("select[data-ck-filter]"));
    var seq = 0, timer = null, current = null, shown = 0, moreButton = null;

    function filters() {
      var out = {};
      selects.forEach(function (s) { if (s.value !== "") out[s.getAttribute("data-ck-filter")] = Number(s.value); });
      return out;
    }

    function loadOptions(select) {
      if (select._ckLoaded) return select._ckLoaded;
      select._ckLoaded = engine.facetOptions(select.getAttribute("data-ck-filter")).then(function (opts) {
        if (!opts) return;
        var chosen = select.value;
        opts.labels.forEach(function (label, i) {
          select.add(new Option(label + " (" + opts.counts[i] + ")", String(i)));
        });
        select.value = chosen;
      });
      select._ckLoaded.catch(function () { select._ckLoaded = null; });
      return select._ckLoaded;
    }

    function render(items, append) {
      if (!append) list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li"), a = document.createElement("a"), meta = document.createElement("span");
        a.href = new URL(item.url, siteRoot).href;
        a.textContent = item.name;
        a.className = "ck-result__title";
        meta.className = "ck-result__meta";
        meta.textContent = TEXT.code + " " + item.code + (item.sector ? " · " + item.sector : "");
        li.className = "ck-result";
        li.appendChild(a);
        li.appendChild(meta);
        list.appendChild(li);
      });
    }

    function updateMore() {
      var rest = current && shown < current.total;
      if (rest && !moreButton) {
        moreButton = document.createElement("button");
        moreButton.type = "button";
        moreButton.className = "ck-more";
        moreButton.textContent = TEXT.more;
        moreButton.addEventListener("click", function () {
          var first = list.children.length;
          var page = Math.round(shown / W.PAGE);
          current.page(page).then(function (items) {
            shown += items.length;
            render(items, true);
            // Keyboard users continue where the new results start.
            if (list.children[first]) list.children[first].querySelector("a").focus();
            updateMore();
          });
        });
        list.parentNode.insertBefore(moreButton, list.nextSibling);
      }
      if (moreButton) moreButton.hidden = !rest;
    }

    function run() {
      var q = input.value, mine = ++seq, chosen = filters();
      var hasFilter = Object.keys(chosen).length > 0;
      if (!q.trim() && !hasFilter) {
        list.textContent = ""; status.textContent = ""; current = null; updateMore();
        return;
      }
      rootEl.setAttribute("aria-busy", "true");
      var work = q.trim() ? engine.search(q, chosen) : engine.browse(chosen);
      work.then(function (result) {
        return result.page(0).then(function (items) { return [result, items]; });
      }).then(function (pair) {
        if (mine !== seq) return;
        current = pair[0]; shown = pair[1].length;
        render(pair[1], false);
        status.textContent = current.total ? TEXT.found(current.total, q.trim()) : TEXT.none(q.trim());
        rootEl.removeAttribute("aria-busy");
        updateMore();
        syncUrl(q);
        rootEl.dispatchEvent(new CustomEvent("ck-search-done", {
          bubbles: true, detail: { query: q.trim(), total: current.total }
        }));
        // Filters become useful once there are results: fetch their options, after the
        // results are on screen.
        setTimeout(function () { selects.forEach(loadOptions); }, 0);
      }).catch(function () {
        if (mine !== seq) return;
        rootEl.removeAttribute("aria-busy");
        status.textContent = TEXT.error;
      });
    }

    function syncUrl(q) {
      if (!window.history || !history.replaceState) return;
      var url = new URL(location.href);
      if (q.trim()) url.searchParams.set("q", q); else url.searchParams.delete("q");
      history.replaceState(null, "", url.href);
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    // Load the manifest (a few KB: vocabulary, citizens' words, file layout) with the page, so
    // that the first query knows at once every file it needs and asks for them in one round.
    engine.manifest().catch(function () {});
    input.addEventListener("focus", function () { engine.manifest().catch(function () {}); }, { once: true });
    if (form) form.addEventListener("submit", function (e) { e.preventDefault(); clearTimeout(timer); run(); });
    selects.forEach(function (s) {
      ["focus", "mousedown", "touchstart"].forEach(function (ev) {
        s.addEventListener(ev, function () { loadOptions(s); }, { once: true, passive: true });
      });
      s.addEventListener("change", run);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && input.value) { input.value = ""; run(); }
    });
    var initial = new URL(location.href).searchParams.get("q");
    if (initial) { input.value = initial; run(); }
    rootEl._ckSearch = { engine: engine, run: run };
    return rootEl._ckSearch;
  }

  return {
    analyse: analyse, nfcLower: nfcLower, foldToken: foldToken, accentKey: accentKey,
    indexTokens: indexTokens, nameTokens: nameTokens, variantMask: variantMask, fnv1a: fnv1a,
    plan: plan, scoreVariant: scoreVariant, createEngine: createEngine,
    attach: attach, attachAll: attachAll, weights: W
  };
}));
