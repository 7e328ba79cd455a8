/** Components available in every MDX body without an import. */
import Callout from './Callout.astro';
import Event from './Event.astro';
import Question from './Question.astro';
import Timeline from './Timeline.astro';
import ProseTable from './ProseTable.astro';

/** The authoring components, and `table` for the Markdown tables of a body (a scroll container). */
export const mdxComponents = { Callout, Timeline, Event, Question, table: ProseTable };
