/** Components available in every MDX body without an import. */
import Callout from './Callout.astro';
import Event from './Event.astro';
import Question from './Question.astro';
import Timeline from './Timeline.astro';

export const mdxComponents = { Callout, Timeline, Event, Question };
