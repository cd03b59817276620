/**
 * The one place that drives pdfmake on the server for the official forms.
 *
 * - Font: Tinos (Times-compatible, full Vietnamese coverage) from the repository's `assets/fonts/`,
 *   so nothing depends on fonts installed on the machine. pdfmake 0.3 on Node takes font files by
 *   path (a Buffer is mistaken for a URL object), so the paths are handed over.
 * - pdfmake's Node entry point is a process-wide singleton: the font family is registered under
 *   its own name ("Tinos") with `addFonts`, which leaves other families alone, and the resource
 *   policies are set to "no remote URL, no local file except the bundled fonts", so a document
 *   definition can never make the server fetch a URL or read a file. Images (QR codes) are SVG
 *   strings or data URLs and need neither.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces';

type PdfMake = typeof import('pdfmake');

export const SLIP_FONT = 'Tinos';
export const FONT_DIR = fileURLToPath(new URL('../../../../../assets/fonts/', import.meta.url));

let engine: PdfMake | undefined;

function loadEngine(): PdfMake {
  if (engine) return engine;
  // pdfmake is CommonJS exporting a singleton instance (module.exports = new pdfmake()), whose
  // methods Node's ESM loader cannot expose as named exports: load it through require.
  const pdfMake = createRequire(import.meta.url)('pdfmake') as PdfMake;
  const font = (file: string): string => `${FONT_DIR}${file}`;
  const fonts: TFontDictionary = {
    [SLIP_FONT]: {
      normal: font('Tinos-Regular.ttf'),
      bold: font('Tinos-Bold.ttf'),
      italics: font('Tinos-Italic.ttf'),
      bolditalics: font('Tinos-BoldItalic.ttf'),
    },
  };
  pdfMake.addFonts(fonts);
  pdfMake.setUrlAccessPolicy(() => false);
  pdfMake.setLocalAccessPolicy((path) => path.startsWith(FONT_DIR));
  engine = pdfMake;
  return pdfMake;
}

/** Lays out and renders a document definition to a PDF file in memory. */
export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return loadEngine().createPdf(definition).getBuffer();
}
