// The report tab's renderer (src/extension/commands/observe/reportHtml.ts): the Markdown subset our
// reports use becomes HTML, text from the cluster is escaped, and code carries what Copy copies.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { inlineHtml, reportHtml } from '../../../src/extension/commands/observe/reportHtml';

describe('reportHtml', () => {
  it('escapes anything from the cluster: no tag gets through', () => {
    const html = reportHtml(
      '# T <img src=x onerror=alert(1)>\n\n| a |\n|---|\n| <script>x</script> `<b>` |\n\n- "quoted" & <i>\n',
    );
    assert.doesNotMatch(html, /<img|<script|<b>|<i>/);
    assert.match(html, /&lt;script&gt;x&lt;\/script&gt;/);
    assert.match(html, /data-copy="&lt;b&gt;"/);
    assert.match(html, /&quot;quoted&quot; &amp; &lt;i&gt;/);
  });
  it('renders tables with escaped pipes and <br> line breaks, code spans copyable', () => {
    const html = reportHtml(
      '| Pod | Address |\n|---|---|\n| `ddb-ha-dn-0-0` | `10.0.0.1:30210` → port 32210 (ddb)<br>`a\\|b` |\n',
    );
    assert.match(html, /<table><thead><tr><th>Pod<\/th><th>Address<\/th><\/tr><\/thead>/);
    assert.match(html, /<td><code class="copyable" data-copy="ddb-ha-dn-0-0">ddb-ha-dn-0-0<\/code><\/td>/);
    assert.match(html, /→ port 32210 \(ddb\)<br><code class="copyable" data-copy="a\\\|b">/);
    assert.equal((html.match(/<tr>/g) ?? []).length, 2);
  });
  it('gives fenced blocks a Copy button holding the block text', () => {
    const html = reportHtml(
      "Run on the host:\n\n```text\necho '/cores/core.%e' > /proc/sys/kernel/core_pattern\nsysctl -p\n```\n",
    );
    assert.match(html, /<p>Run on the host:<\/p>/);
    assert.match(
      html,
      /<button class="copy" data-copy="echo &#39;\/cores\/core.%e&#39; &gt; \/proc\/sys\/kernel\/core_pattern\nsysctl -p"><\/button><pre><code>/,
    );
  });
  it('headings, lists, bold and italic', () => {
    const html = reportHtml('## 1. ❌ Error: x\n\n**Next:** do _this_\n\n- one\n- two `t`\n');
    assert.match(html, /<h2>1\. ❌ Error: x<\/h2>/);
    assert.match(html, /<p><strong>Next:<\/strong> do <em>this<\/em><\/p>/);
    assert.match(html, /<ul><li>one<\/li><li>two <code class="copyable" data-copy="t">t<\/code><\/li><\/ul>/);
  });
  it('leaves out an empty header row', () => {
    assert.match(
      reportHtml('| | |\n|---|---|\n| Phase | **Available** |\n'),
      /^<table><tbody><tr><td>Phase<\/td><td><strong>Available<\/strong><\/td><\/tr>/,
    );
  });
  it('keeps underscores inside names as they are', () => {
    assert.equal(inlineHtml('snake_case_name'), 'snake_case_name');
  });
});
