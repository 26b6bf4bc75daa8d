// Generates golden.json: RFC 8785 canonical forms computed by an implementation independent of the registry's
// (the npm package "canonicalize", which writes numbers and strings with the JavaScript engine's own JSON.stringify).
// Run once, by hand, and commit the output next to this script; never in the build:
//   cd "$(mktemp -d)" && npm install canonicalize@4.0.0 && cp /path/to/make_golden.mjs . && node make_golden.mjs > golden.json
// Each case's input is JSON text, so both sides start from the same bytes. "refused" names the path at which the
// registry refuses the input instead of rounding it (CanonicalJson.Unrepresentable); JavaScript rounds it silently.
import canonicalize from 'canonicalize';

const cases = [
  ['learning rate 1e-4', '{"learning_rate": 0.0001}'],
  ['1e-4 written as Jackson writes it', '{"learning_rate": 1.0E-4}'],
  ['1e-7', '{"x": 1e-7}'],
  ['1e-6 is still plain', '{"x": 0.000001}'],
  ['1e21', '{"x": 1e21}'],
  ['1e20 is still plain', '{"x": 100000000000000000000.0}'],
  ['1e30 as a float', '{"x": 1e30}'],
  ['minus zero', '{"x": -0.0}'],
  ['0.1 + 0.2', '{"x": 0.30000000000000004}'],
  ['float that is an integer', '{"x": 1.0, "y": -25.000}'],
  ['smallest subnormal', '{"x": 5e-324}'],
  ['largest double', '{"x": 1.7976931348623157e308}'],
  ['mantissa and exponent', '{"x": 123.456e3, "y": -1.5E-10, "z": 4.50}'],
  ['largest safe integer', '{"x": 9007199254740991, "y": -9007199254740991}'],
  ['2^53 + 1 as a float', '{"x": 9007199254740993.0}'],
  ['2^53 + 1 as an integer', '{"seed": 9007199254740993}', 'seed'],
  ['1e30 as integer text', '{"x": {"big": 1000000000000000000000000000000}}', 'x.big'],
  ['nested objects and arrays', '{"b": [3, {"z": null, "a": [true, false, []]}], "a": {"d": {}, "c": "x"}}'],
  ['escapes', '{"s": "quote\\" backslash\\\\ slash/ \\b\\f\\n\\r\\t nul\\u0000 unit-separator\\u001f del\\u007f ls\\u2028"}'],
  ['escape with hex letters', '{"esc": "\\u001b[31m red \\u000b vt \\u001a sub"}'],
  ['non-ASCII text stays UTF-8', '{"name": "Zürich €100 😀"}'],
  ['non-ASCII keys', '{"é": 1, "a": 2, "€": 3, "ö": 4, "\\u0080": 5, "1": 6, "\\r": 7}'],
  ['keys outside the BMP: UTF-16 order, not code-point order', '{"\\ufb33": "U+FB33", "😀": "U+1F600", "\\uffff": "U+FFFF", "z": "z"}'],
  ['RFC 8785 section 3.2.3 sorting example',
    '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", '
      + '"\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}'],
  ['RFC 8785 section 3.2.2 numbers', '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]}'],
  ['top-level array', '[56, {"d": true, "10": null, "1": []}]'],
  ['lone surrogate', '{"code_commit": "ab\\ud800cd"}', 'code_commit'],
  ['number beyond the double range', '{"training": {"lr": 1e400}}', 'training.lr'],
];

// Doubles across the whole range, from a fixed seed so that the file is reproducible.
let state = 20261205n;
function next() {
  state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
  return state;
}
const view = new DataView(new ArrayBuffer(8));
const doubles = [];
while (doubles.length < 400) {
  view.setBigUint64(0, next());
  const value = view.getFloat64(0);
  if (Number.isFinite(value)) {
    doubles.push(value);
  }
}
for (let i = 0; i < 100; i++) {
  doubles.push(Number(next() % 1000000n) / 10 ** Number(next() % 12n));
}
cases.push(['doubles', '[' + doubles.map(d => JSON.stringify(d)).join(',') + ']']);

const golden = cases.map(([name, input, refused]) => {
  let jcs;
  try {
    jcs = canonicalize(JSON.parse(input));
  } catch (refusedToo) {
    jcs = 'error: ' + refusedToo.message;
  }
  const entry = { name, input, jcs };
  if (refused) {
    entry.refused = refused;
  }
  return entry;
});
process.stdout.write(JSON.stringify(golden, null, 1) + '\n');
