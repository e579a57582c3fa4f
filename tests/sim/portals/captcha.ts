import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPRSTUVWXYZ23456789';

/**
 * SAI's captcha: random text drawn as a distorted SVG a person can read. The answer never leaves
 * the server except through the test hook the simulator's owner enables.
 */
export class Captchas {
  private readonly answers = new Map<string, { text: string; solved: boolean }>();
  private counter = 0;

  create(): string {
    this.counter += 1;
    const id = `C${String(this.counter).padStart(6, '0')}${randomInt(1000, 9999)}`;
    const text = Array.from({ length: 5 }, () => ALPHABET[randomInt(0, ALPHABET.length)]).join('');
    this.answers.set(id, { text, solved: false });
    return id;
  }

  svg(id: string): string {
    const text = this.answers.get(id)?.text ?? '?????';
    const glyphs = [...text]
      .map((ch, i) => {
        const y = 55 + randomInt(-10, 10);
        const rotate = randomInt(-25, 25);
        return `<text x="${20 + i * 44}" y="${y}" transform="rotate(${rotate} ${30 + i * 44} ${y})">${ch}</text>`;
      })
      .join('');
    const noise = Array.from(
      { length: 6 },
      () =>
        `<line x1="${randomInt(0, 240)}" y1="${randomInt(0, 80)}" x2="${randomInt(0, 240)}" y2="${randomInt(0, 80)}" stroke="#7a7" stroke-width="2"/>`,
    ).join('');
    return `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="80" role="img" aria-label="Imagen captcha" style="background:#eef;font:bold 34px monospace;fill:#335">${noise}${glyphs}</svg>`;
  }

  verify(id: string, answer: string): boolean {
    const entry = this.answers.get(id);
    if (!entry || entry.text !== answer.trim().toUpperCase()) return false;
    entry.solved = true;
    return true;
  }

  /** A login consumes the captcha, solved or not. */
  consume(id: string): boolean {
    const solved = this.answers.get(id)?.solved ?? false;
    this.answers.delete(id);
    return solved;
  }

  /** Test hook only: the text a person would read. */
  answer(id: string): string | null {
    return this.answers.get(id)?.text ?? null;
  }
}
