/** Saving a drawn SVG chart as SVG or PNG, and text as a file (main thread only). */
import { saveBytes } from '../results/download';

function svgText(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  // Inline the computed colours: the stylesheet does not travel with the file.
  const source = svg.querySelectorAll('*');
  clone.querySelectorAll('*').forEach((el, i) => {
    const style = getComputedStyle(source[i]);
    (el as SVGElement).setAttribute(
      'style',
      `fill:${style.fill};stroke:${style.stroke};stroke-width:${style.strokeWidth};opacity:${style.opacity};font-size:${style.fontSize};font-family:${style.fontFamily}`,
    );
  });
  return new XMLSerializer().serializeToString(clone);
}

function encode(text: string): ArrayBuffer {
  return new TextEncoder().encode(text).buffer as ArrayBuffer;
}

export function saveSvg(svg: SVGSVGElement, name: string): void {
  saveBytes(name, encode(svgText(svg)), 'image/svg+xml');
}

export async function savePng(svg: SVGSVGElement, name: string, scale = 2): Promise<void> {
  const box = svg.viewBox.baseVal;
  const url = URL.createObjectURL(new Blob([svgText(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = box.width * scale;
    canvas.height = box.height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser cannot draw to a canvas.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('The chart could not be encoded as PNG.');
    saveBytes(name, await blob.arrayBuffer(), 'image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function saveText(name: string, text: string, type: string): void {
  saveBytes(name, encode(text), type);
}
