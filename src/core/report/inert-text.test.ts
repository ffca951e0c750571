import { describe, expect, it } from 'vitest';
import { csvCell, markdownText } from './inert-text';

describe('csvCell', () => {
  it('turns a formula into text and quotes what needs quoting', () => {
    expect(csvCell('=HYPERLINK("x")<img src=x>')).toBe(`"'=HYPERLINK(""x"")<img src=x>"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(' =1')).toBe("' =1");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('mnist-cnn')).toBe('mnist-cnn');
  });

  it('writes numbers, negative ones included, and null as they are', () => {
    expect(csvCell(-0.5)).toBe('-0.5');
    expect(csvCell(1200)).toBe('1200');
    expect(csvCell(null)).toBe('');
  });
});

describe('markdownText', () => {
  it('leaves no HTML tag, link or table break', () => {
    expect(markdownText('=HYPERLINK("x")<img src=x>')).toBe('=HYPERLINK("x")&lt;img src=x&gt;');
    expect(markdownText('[a](javascript:alert(1))')).toBe('\\[a\\](javascript:alert(1))');
    expect(markdownText('a|b\n# c')).toBe('a\\|b # c');
    expect(markdownText('conv_1 & *x*')).toBe('conv\\_1 &amp; \\*x\\*');
  });
});
