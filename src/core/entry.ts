/**
 * A validated entry, as the validation pass hands it to the model, the policies and the outputs.
 */
import type { CollectionName } from './schemas/common.ts';

/** A link target written in a body: Markdown links, images, definitions and element URLs. */
export interface BodyLink {
  url: string;
  line: number;
  column: number;
}

/** A validated entry: its id, collection, parsed data and body. */
export interface Entry<T = any> {
  collection: CollectionName;
  id: string;
  /** Path relative to the project root. */
  file: string;
  data: T;
  body: string;
  bodyLine: number;
  digest: string;
  /** The link targets its body writes (Markdown links, images, element URLs), with file lines. */
  links?: BodyLink[];
  /** Where its body carries code (import/export, expressions), with file lines; empty when none. */
  code?: { line: number; column: number; message: string }[];
  /** The open questions its body marks with `<Question>`, in order (postmortem review packs list them). */
  questions?: string[];
  /**
   * The entry failed its schema: `data` is the file's raw fields. Such entries are not published;
   * they are kept so that the references of the fields that did parse are still checked.
   */
  invalid?: true;
}
