import { cancelModelLoad } from '../../store/lab-actions';
import { useLabStore } from '../../store/store';
import { confirmLinkedModel } from '../../store/url-sync';

/**
 * A link's `?model=<url>` is shown and waits for a click: the page fetches nothing from a
 * link alone. While a model URL is being fetched, its Cancel stops it.
 */
export function LinkedModelPrompt() {
  const pending = useLabStore((s) => s.pendingModelUrl);
  const fetching = useLabStore((s) => s.fetchingModelUrl);
  if (fetching) {
    return (
      <button type="button" data-testid="cancel-model-load" onClick={() => void cancelModelLoad()}>
        Cancel loading
      </button>
    );
  }
  if (!pending) return null;
  return (
    <div role="alert" className="banner" data-testid="linked-model">
      <p>
        This link asks to load a model from <code data-testid="linked-model-url">{pending}</code>.
        Nothing is fetched until you choose.
      </p>
      <button
        type="button"
        data-testid="linked-model-load"
        onClick={() => void confirmLinkedModel(true)}
      >
        Load this model
      </button>{' '}
      <button
        type="button"
        data-testid="linked-model-decline"
        onClick={() => void confirmLinkedModel(false)}
      >
        Open the demo instead
      </button>
    </div>
  );
}
