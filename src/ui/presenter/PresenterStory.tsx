import { useEffect, useRef, useState } from 'react';
import { startRun } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { STORY_STEPS, storyStepAfterKey, type StoryStepId } from './story-steps';

/** Keys typed into a form control belong to the control, not to the story. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || target.isContentEditable;
}

/** Entering "measure" starts the default run when none is running or done yet. */
function enterStep(id: StoryStepId): void {
  const s = useLabStore.getState();
  const runnable = s.engineStatus === 'ready' && s.model !== null && s.data !== null;
  if (id === 'measure' && runnable && s.activeRunId === null && s.history.length === 0) {
    void startRun();
  }
}

/**
 * Presenter mode's story bar: the current step's title and caption, large, with → / space / ←.
 * It marks the document with data-story so styles.css shows only that step's panels.
 */
export function PresenterStory() {
  const presenter = useLabStore((s) => s.selection.presenter);
  const [index, setIndex] = useState(0);
  const step = STORY_STEPS[index];
  const bar = useRef<HTMLElement>(null);
  // Entering presenter mode moves focus to the story, so the first space advances it.
  useEffect(() => {
    if (presenter) bar.current?.focus();
  }, [presenter]);
  useEffect(() => {
    const root = document.documentElement;
    if (!presenter) {
      delete root.dataset.story;
      return;
    }
    root.dataset.story = step.id;
  }, [presenter, step.id]);
  useEffect(() => {
    if (!presenter) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || isTypingTarget(e.target)) return;
      // Space on a focused button presses that button, except on the story bar's own buttons.
      const button = e.target instanceof HTMLButtonElement ? e.target : null;
      if (e.key === ' ' && button && !button.closest('.story-bar')) return;
      const next = storyStepAfterKey(index, e.key);
      if (next === null) return;
      e.preventDefault();
      if (next !== index) {
        setIndex(next);
        enterStep(STORY_STEPS[next].id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [presenter, index]);
  if (!presenter) return null;
  return (
    <section
      ref={bar}
      tabIndex={-1}
      className="story-bar"
      aria-label="Presenter story"
      data-testid="story-bar"
    >
      <div className="story-nav">
        <ol className="story-steps">
          {STORY_STEPS.map((s, i) => (
            <li key={s.id} aria-current={i === index ? 'step' : undefined}>
              <button
                type="button"
                data-testid={`story-step-${s.id}`}
                onClick={() => {
                  setIndex(i);
                  enterStep(s.id);
                }}
              >
                {i + 1} {s.short}
              </button>
            </li>
          ))}
        </ol>
        <p className="story-keys">→ or space: next · ←: back</p>
      </div>
      <p className="story-caption" aria-live="polite" data-testid="story-caption">
        <strong>{step.title}.</strong> {step.caption}
      </p>
    </section>
  );
}
