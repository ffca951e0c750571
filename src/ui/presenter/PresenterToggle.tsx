import { useEffect } from 'react';
import { useLabStore } from '../../store/store';

/** Large type and high contrast for a projector; the choice is part of the share link. */
export function PresenterToggle() {
  const presenter = useLabStore((s) => s.selection.presenter);
  const setSelection = useLabStore((s) => s.setSelection);
  useEffect(() => {
    document.documentElement.classList.toggle('presenter', presenter);
  }, [presenter]);
  return (
    <button
      type="button"
      data-testid="presenter-toggle"
      aria-pressed={presenter}
      onClick={() => setSelection({ presenter: !presenter })}
    >
      {presenter ? 'Leave presenter mode' : 'Presenter mode'}
    </button>
  );
}
