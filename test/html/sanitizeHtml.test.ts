import fc from 'fast-check';
import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { firstParagraphText, htmlToText, textToHtml, truncateText } from '../../src/lib/html/htmlText.ts';
import { resolveUrl, sanitizeHtml } from '../../src/lib/html/sanitizeHtml.ts';

const base = 'https://abc.example/2026/11/strike';

// Sanitizing is a security contract: each hostile payload maps to an exact output.
// Most payloads come from the OWASP XSS filter evasion cheat sheet; the rest are
// mutation-XSS, namespace-confusion and DOM-clobbering tricks.
describe('sanitizeHtml: hostile payloads', () => {
  it.each([
    ['<script>alert(1)</script>', ''],
    ['<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>', ''],
    [`<IMG SRC="javascript:alert('XSS');">`, '<img>'],
    [`<IMG SRC=javascript:alert('XSS')>`, '<img>'],
    [`<IMG SRC=JaVaScRiPt:alert('XSS')>`, '<img>'],
    ["<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", '<img src="https://abc.example/2026/11/%60javascript:alert(%22RSnake">'],
    ['<a onmouseover="alert(document.cookie)">xxs link</a>', '<a rel="noopener noreferrer ugc">xxs link</a>'],
    ['<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>', '<img>"\\>'],
    [`<IMG SRC=# onmouseover="alert('xxs')">`, '<img src="https://abc.example/2026/11/strike#">'],
    [`<IMG SRC= onmouseover="alert('xxs')">`, '<img src="https://abc.example/2026/11/onmouseover=%22alert(&#x27;xxs&#x27;)%22">'],
    ['<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>', '<img src="https://abc.example/">'],
    ['<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">', '<img src="https://abc.example/2026/11/x">'],
    ['<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>', '<img>'],
    ['<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>', '<img>'],
    ['<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>', '<img>'],
    [`<IMG SRC="jav\tascript:alert('XSS');">`, '<img>'],
    [`<IMG SRC="jav&#x09;ascript:alert('XSS');">`, '<img>'],
    [`<IMG SRC="jav&#x0A;ascript:alert('XSS');">`, '<img>'],
    [`<IMG SRC="jav&#x0D;ascript:alert('XSS');">`, '<img>'],
    [`<IMG SRC=" &#14;  javascript:alert('XSS');">`, '<img>'],
    ['<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>', ''],
    ['<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>', ''],
    ['<<SCRIPT>alert("XSS");//\\<</SCRIPT>', '&lt;'],
    ['<SCRIPT SRC=http://xss.rocks/xss.js?< B >', ''],
    ['<iframe src=http://xss.rocks/scriptlet.html <', ''],
    ['</TITLE><SCRIPT>alert("XSS");</SCRIPT>', ''],
    [`<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">`, ''],
    [`<BODY BACKGROUND="javascript:alert('XSS')">`, ''],
    [`<IMG DYNSRC="javascript:alert('XSS')">`, '<img>'],
    [`<IMG LOWSRC="javascript:alert('XSS')">`, '<img>'],
    [`<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>`, '<ul><li>XSS<br></li></ul>'],
    [`<svg/onload=alert('XSS')>`, ''],
    [`<BGSOUND SRC="javascript:alert('XSS');">`, ''],
    [`<LINK REL="stylesheet" HREF="javascript:alert('XSS');">`, ''],
    [`<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">`, ''],
    ['<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">', ''],
    [`<IFRAME SRC="javascript:alert('XSS');"></IFRAME>`, ''],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', ''],
    [`<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>`, ''],
    [`<TABLE BACKGROUND="javascript:alert('XSS')"><tr><td>x</td></tr></TABLE>`, '<table><tbody><tr><td>x</td></tr></tbody></table>'],
    [`<TABLE><TD BACKGROUND="javascript:alert('XSS')">`, '<table><tbody><tr><td></td></tr></tbody></table>'],
    [`<DIV STYLE="background-image: url(javascript:alert('XSS'))">x</DIV>`, '<div>x</div>'],
    [`<DIV STYLE="width: expression(alert('XSS'));">x</DIV>`, '<div>x</div>'],
    [`<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">`, '<img>'],
    [`<BASE HREF="javascript:alert('XSS');//">`, ''],
    ['<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>', ''],
    ['<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciPjwvc3ZnPg==" type="image/svg+xml" AllowScriptAccess="always"></EMBED>', ''],
    ['<form action="javascript:alert(1)"><input type=submit value="Send"></form>', ''],
    ['<button formaction="javascript:alert(1)">X</button>', ''],
    ['<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="JAVASCRIPT:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="  javascript:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="jav&#x09;ascript:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="&#x6a;avascript:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="\u0001javascript:alert(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', '<a rel="noopener noreferrer ugc">x</a>'],
    ['<img src="data:text/html,<script>alert(1)</script>">', '<img>'],
    ['<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">', '<img>'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', ''],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', ''],
    ['<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>', ''],
    ['<svg><style><img src=x onerror=alert(1)></style></svg>', '<img src="https://abc.example/2026/11/x">'],
    ['<math><a xlink:href="javascript:alert(1)">x</a></math>', ''],
    ['<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>', ''],
    ['<template><script>alert(1)</script></template>', ''],
    ['<details open ontoggle=alert(1)><summary>s</summary>x</details>', '<details open><summary>s</summary>x</details>'],
    ['<video><source onerror="alert(1)"></video>', '<video controls><source></video>'],
    ['<audio src=x onerror=alert(1)>', '<audio src="https://abc.example/2026/11/x" controls></audio>'],
    ['<video poster=javascript:alert(1) autoplay></video>', '<video controls></video>'],
    ['<blockquote cite="javascript:alert(1)">q</blockquote>', '<blockquote>q</blockquote>'],
    ['<a href="#top" id="x" name="y">a</a>', '<a href="https://abc.example/2026/11/strike#top" rel="noopener noreferrer ugc">a</a>'],
    ['<img src="x.png" name="getElementById" id="body">', '<img src="https://abc.example/2026/11/x.png">'],
    ['<!--<img src="--><img src=x onerror=alert(1)//">', '<img src="https://abc.example/2026/11/x">'],
    ['<p style="position:fixed;top:0;left:0;width:100%;height:100%" class="overlay">overlay</p>', '<p>overlay</p>'],
    ['<a href="https://evil.example/" target="_blank" rel="opener">x</a>', '<a href="https://evil.example/" rel="noopener noreferrer ugc">x</a>'],
    ['<xmp><p title="</xmp><img src=x onerror=alert(1)>">', '&lt;p title="<img src="https://abc.example/2026/11/x">">'],
    ['<object data="javascript:alert(1)"><param name="x" value="y"></object>', ''],
    ['<img src="https://abc.example/a.png" srcset="javascript:alert(1) 1x" usemap="#m">', '<img src="https://abc.example/a.png">'],
    ['<marquee onstart=alert(1)>m</marquee>', 'm'],
    ['<a href="http://abc.example/x" ping="https://tracker.example/">x</a>', '<a href="http://abc.example/x" rel="noopener noreferrer ugc">x</a>'],
    ['<img src=x:alert(alt) onerror=eval(src) alt=0>', '<img alt="0">'],
    ['<a href="//evil.example/x">protocol-relative</a>', '<a href="https://evil.example/x" rel="noopener noreferrer ugc">protocol-relative</a>'],
  ])('%s', (payload, expected) => {
    const output = sanitizeHtml(payload, base);
    expect(output).toBe(expected);
    // Re-sanitizing must not change anything: the output parses back to the same tree.
    expect(sanitizeHtml(output, base)).toBe(output);
  });
});

describe('sanitizeHtml: allowed content', () => {
  it.each([
    ['raster data: images are kept on img', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" width="1" height="1" loading="lazy">', '<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" width="1" height="1" loading="lazy">'],
    ['jpeg, webp (any case) and gif data: images are kept', '<img src="data:image/jpeg;base64,/9j/4AAQ" alt="j"><img src="DATA:image/webp;base64,UklGR" alt="w"><img src="data:image/gif;base64,R0lGOD" alt="g">', '<img src="data:image/jpeg;base64,/9j/4AAQ" alt="j"><img src="data:image/webp;base64,UklGR" alt="w"><img src="data:image/gif;base64,R0lGOD" alt="g">'],
    ['data:image is removed from a link', '<a href="data:image/png;base64,iVBORw0KGgo=">png link</a>', '<a rel="noopener noreferrer ugc">png link</a>'],
    ['relative links are resolved against the base', '<a href="../x">up</a> <a href="/y">root</a> <a href="?page=2">query</a> <a href="#note">fragment</a> <a href="//cdn.example/z">scheme-relative</a>', '<a href="https://abc.example/2026/x" rel="noopener noreferrer ugc">up</a> <a href="https://abc.example/y" rel="noopener noreferrer ugc">root</a> <a href="https://abc.example/2026/11/strike?page=2" rel="noopener noreferrer ugc">query</a> <a href="https://abc.example/2026/11/strike#note" rel="noopener noreferrer ugc">fragment</a> <a href="https://cdn.example/z" rel="noopener noreferrer ugc">scheme-relative</a>'],
    ['mailto is kept and an upper-case scheme is normalized', '<a href="mailto:desk@abc.example">mail us</a> <a href="HTTPS://ABC.example/Upper">upper</a>', '<a href="mailto:desk@abc.example" rel="noopener noreferrer ugc">mail us</a> <a href="https://abc.example/Upper" rel="noopener noreferrer ugc">upper</a>'],
    ['figure, figcaption and image dimensions', '<figure><img src="/img/pickets.jpg" alt="Pickets at the gate" width="640" height="480"><figcaption>Pickets, <em>Tuesday</em></figcaption></figure>', '<figure><img src="https://abc.example/img/pickets.jpg" alt="Pickets at the gate" width="640" height="480"><figcaption>Pickets, <em>Tuesday</em></figcaption></figure>'],
    ['picture keeps source src, type and media, not srcset', '<picture><source src="/a.webp" type="image/webp" media="(min-width: 800px)" srcset="/a-2x.webp 2x"><img src="/a.jpg" alt="A"></picture>', '<picture><source src="https://abc.example/a.webp" type="image/webp" media="(min-width: 800px)"><img src="https://abc.example/a.jpg" alt="A"></picture>'],
    ['tables keep structure, spans and valid scopes', '<table><caption>Votes</caption><thead><tr><th scope="col">Union</th><th scope="bogus">Yes</th></tr></thead><tbody><tr><td colspan="2" rowspan="1" align="center">Dockers</td></tr></tbody></table>', '<table><caption>Votes</caption><thead><tr><th scope="col">Union</th><th>Yes</th></tr></thead><tbody><tr><td colspan="2" rowspan="1">Dockers</td></tr></tbody></table>'],
    ['code keeps only its language class', '<pre><code class="language-ts hljs">const a = 1 &lt; 2;</code></pre>', '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>'],
    ['blockquote and q keep a resolved cite', '<blockquote cite="/source"><p>We will not back down.</p></blockquote><q cite="https://x.example/q">short</q>', '<blockquote cite="https://abc.example/source"><p>We will not back down.</p></blockquote><q cite="https://x.example/q">short</q>'],
    ['video and audio get controls and lose autoplay', '<video src="clip.mp4" poster="poster.jpg" width="640" height="360" autoplay muted loop><source src="clip.webm" type="video/webm"></video><audio><source src="/ep1.mp3" type="audio/mpeg"></audio>', '<video src="https://abc.example/2026/11/clip.mp4" poster="https://abc.example/2026/11/poster.jpg" width="640" height="360" controls><source src="https://abc.example/2026/11/clip.webm" type="video/webm"></video><audio controls><source src="https://abc.example/ep1.mp3" type="audio/mpeg"></audio>'],
    ['headings and lists', '<h1>One</h1><h2>Two</h2><h6>Six</h6><ol start="3" reversed type="i"><li value="5">five</li></ol><ul><li>dot</li></ul><dl><dt>T</dt><dd>D</dd></dl>', '<h1>One</h1><h2>Two</h2><h6>Six</h6><ol start="3" reversed type="i"><li value="5">five</li></ol><ul><li>dot</li></ul><dl><dt>T</dt><dd>D</dd></dl>'],
    ['details and summary', '<details open><summary>More</summary><p>Hidden</p></details>', '<details open><summary>More</summary><p>Hidden</p></details>'],
    ['invalid loading, percent and px dimensions are dropped', '<img src="/a.png" loading="eagerly" width="100%" height="12px" alt="">', '<img src="https://abc.example/a.png" alt="">'],
    ['time, abbr', '<p>Held <time datetime="2026-11-19T09:00:00Z">Thursday</time> by the <abbr title="International Dockworkers Council">IDC</abbr>.</p>', '<p>Held <time datetime="2026-11-19T09:00:00Z">Thursday</time> by the <abbr title="International Dockworkers Council">IDC</abbr>.</p>'],
    ['dir and lang', '<p dir="rtl" lang="ar">مرحبا</p><p dir="sideways">x</p>', '<p dir="rtl" lang="ar">مرحبا</p><p>x</p>'],
    ['entities and non-ASCII text', '<p>A&nbsp;B &amp; C &lt; D &copy; “quotes” 😀</p>', '<p>A B &amp; C &lt; D © “quotes” 😀</p>'],
    ['a publisher rel is replaced', '<a href="https://abc.example/x" rel="nofollow sponsored">link</a>', '<a href="https://abc.example/x" rel="noopener noreferrer ugc">link</a>'],
    ['inline text elements', '<p>kept <b>b</b> <i>i</i> <u>u</u> <s>s</s> <del cite="/why">del</del> <ins>ins</ins> <sub>2</sub><sup>3</sup> <mark>m</mark> <small>s</small> <kbd>k</kbd> <br> <wbr></p><hr>', '<p>kept <b>b</b> <i>i</i> <u>u</u> <s>s</s> <del cite="https://abc.example/why">del</del> <ins>ins</ins> <sub>2</sub><sup>3</sup> <mark>m</mark> <small>s</small> <kbd>k</kbd> <br> <wbr></p><hr>'],
    ['sectioning elements are unwrapped (no stray landmarks)', '<div><section><article><header><nav><span>unwrapped</span></nav></header></article></section></div>', '<div><span>unwrapped</span></div>'],
    ['colgroup and col', '<table><colgroup><col span="2"></colgroup><tr><td>x</td></tr></table>', '<table><colgroup><col span="2"></colgroup><tbody><tr><td>x</td></tr></tbody></table>'],
    ['figcaption, summary and source outside their parents are unwrapped', '<figcaption>orphan caption</figcaption><summary>orphan summary</summary><source src="/orphan.mp3">', 'orphan captionorphan summary'],
    ['noscript is unwrapped: the real image behind a lazy-loading placeholder is kept', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real.jpg" class="lazy"><noscript><img src="/real.jpg" alt="Real"></noscript>', '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><img src="https://abc.example/real.jpg" alt="Real">'],
    ['an unclosed noscript does not swallow the rest of the article', '<noscript><p title="</noscript>">\n<base href="x"><p>Real text</p>', '<p>Real text</p>'],
    ['empty wrappers left by removed embeds are dropped, indentation collapsed', '<figure class="wp-block-embed">\n  <div class="wrapper">\n    <iframe src="https://video.example/embed/1"></iframe>\n  </div>\n</figure>\n\n\n<p>After</p>', '\n<p>After</p>'],
    ['whitespace inside pre is kept', '<pre>  indented\n\n    code  </pre>', '<pre>  indented\n\n    code  </pre>'],
    ['ruby annotations', '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>', '<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>'],
  ])('%s', (_name, input, expected) => {
    expect(sanitizeHtml(input, base)).toBe(expected);
    expect(sanitizeHtml(expected, base)).toBe(expected);
  });

  it('drops relative URLs when there is no base to resolve them against', () => {
    expect(sanitizeHtml('<a href="/x">relative</a><a href="https://abc.example/ok">absolute</a><img src="rel.png">', undefined)).toBe(
      '<a rel="noopener noreferrer ugc">relative</a><a href="https://abc.example/ok" rel="noopener noreferrer ugc">absolute</a><img>',
    );
  });
});

describe('sanitizeHtml: properties', () => {
  const FORBIDDEN_TAGS = ['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'meta', 'link', 'base', 'svg', 'math', 'template', 'textarea', 'noscript'];
  const URL_KEYS = ['href', 'src', 'cite', 'poster'];
  const SAFE_URL = /^(?:https?:\/\/|mailto:|data:image\/(?:png|gif|jpeg|webp)[;,])/;
  const parseFragment = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html);
  const visit = (node: Root | Element, check: (element: Element) => void): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      check(child);
      visit(child, check);
    }
  };

  // Random soup of dangerous and harmless fragments; whatever the mix, the guarantees hold.
  const fragment = fc.constantFrom(
    '<script>', '</script>', '<img src=x onerror=alert(1)>', '<a href="javascript:alert(1)">', '</a>', '<svg onload=alert(1)>',
    '<style>', '</style>', '<p title="', '">', '<noscript>', '</noscript>', '<math>', '<mtext>', '<table>', '<mglyph>',
    '<iframe srcdoc="x">', '<!--', '-->', '<xmp>', '</xmp>', '<a href="/rel">', '<p>', '</p>', 'text', '&lt;', '&amp;',
    '<img src="data:text/html,x">', '<img src="data:image/png;base64,AA==">', '<base href="javascript:x">', '<form action=x>',
    '<template>', '</template>', '<textarea>', '</textarea>', '<a href="jav&#x09;ascript:x">', '"', "'", '<', '>', '=',
    'onclick=x ', 'style="x:expression(1)"', '<div ', '<img ', '<a ', ' src=', ' href=', 'javascript:alert(1)',
  );
  const soup = fc.array(fragment, { maxLength: 30 }).map((parts) => parts.join(''));

  it('never emits scripts, handlers, styles, unsafe URLs or ids, and is idempotent', () => {
    fc.assert(
      fc.property(soup, (html) => {
        const output = sanitizeHtml(html, base);
        // Inspect what a browser would build from the output, not the string.
        visit(parseFragment(output), (element) => {
          expect(FORBIDDEN_TAGS).not.toContain(element.tagName);
          for (const [key, value] of Object.entries(element.properties)) {
            expect(key).not.toMatch(/^(?:on|style$|id$|name$|srcdoc$|action$|formAction$|srcSet$)/i);
            if (URL_KEYS.includes(key)) expect(String(value)).toMatch(SAFE_URL);
          }
          if (element.tagName === 'a') expect(element.properties.rel).toEqual(['noopener', 'noreferrer', 'ugc']);
        });
        expect(sanitizeHtml(output, base)).toBe(output);
      }),
      { numRuns: 400, seed: 20261122 },
    );
  });
});

describe('resolveUrl', () => {
  it.each([
    ['../img/a.png', 'https://abc.example/2026/11/post', 'https://abc.example/2026/img/a.png'],
    ['//cdn.example/a', 'https://abc.example/', 'https://cdn.example/a'],
    [' https://abc.example/a b ', undefined, 'https://abc.example/a%20b'],
    ['javascript:alert(1)', 'https://abc.example/', undefined],
    ['jav\tascript:alert(1)', 'https://abc.example/', undefined],
    ['ftp://abc.example/file', 'https://abc.example/', undefined],
    ['/relative', undefined, undefined],
    ['http://[bad', 'https://abc.example/', undefined],
  ])('resolveUrl(%j, %j) is %j', (ref, baseUrl, expected) => {
    expect(resolveUrl(ref, baseUrl)).toBe(expected);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>AT&amp;T &lt;3</p><p>Second<br>line</p>', 'AT&T <3\n\nSecond\nline'],
    ['  Plain   text\n with  spaces ', 'Plain text with spaces'],
    ['<h2>Head</h2><p>Body</p>', 'Head\n\nBody'],
    ['<ul><li>one</li><li>two</li></ul>', 'one\ntwo'],
    ['<script>alert(1)</script><style>p{}</style>visible', 'visible'],
    ['Caf&eacute; &#8212; &#x2019;s', 'Café — ’s'],
    ['', ''],
  ])('%j', (html, expected) => {
    expect(htmlToText(html)).toBe(expected);
  });
});

describe('firstParagraphText', () => {
  it.each([
    ['<figure><img alt="x"></figure><p> Hello  <b>world</b></p><p>More</p>', 'Hello world'],
    ['<p><img src="a.png"></p><p>First words</p>', 'First words'],
    ['<div><p>Nested</p></div><p>Later</p>', 'Nested'],
    ['No paragraphs<br><br>at all', 'No paragraphs'],
    ['Just text', 'Just text'],
    ['<h2>Heading</h2><div>Div text</div>', 'Heading Div text'],
    ['', ''],
  ])('%j', (html, expected) => {
    expect(firstParagraphText(html)).toBe(expected);
  });
});

describe('truncateText', () => {
  it.each([
    ['one two three', 10, 'one two…'],
    ['short', 10, 'short'],
    ['exactly ten', 11, 'exactly ten'],
    ['supercalifragilistic', 10, 'supercali…'],
    ['words, with, commas', 14, 'words, with…'],
    ['  spaced\n\nout   text ', 400, 'spaced out text'],
    ['ab😀😀😀😀', 5, 'ab😀…'],
  ])('%j to %i', (text, max, expected) => {
    const result = truncateText(text, max);
    expect(result).toBe(expected);
    expect(result.length).toBeLessThanOrEqual(max);
  });
});

describe('textToHtml', () => {
  it.each([
    ['a < b\n\nsecond', '<p>a &lt; b</p><p>second</p>'],
    ['line one\nline two', '<p>line one<br>line two</p>'],
    ['  \n\n ', ''],
    ['"quoted" & <tag>', '<p>&quot;quoted&quot; &amp; &lt;tag&gt;</p>'],
  ])('%j', (text, expected) => {
    expect(textToHtml(text)).toBe(expected);
  });
});
