import { BackendBadge } from './BackendBadge';
import { MemoryReadout } from './MemoryReadout';
import { PresenterStory } from './presenter/PresenterStory';
import { PresenterToggle } from './presenter/PresenterToggle';
import { ThemeToggle } from './presenter/ThemeToggle';
import { GuidedTour } from './tour/GuidedTour';

export function Header() {
  return (
    <>
      <header className="header">
        <h1 className="title">Pruning Lab</h1>
        <p className="subtitle">
          Make a neural network smaller by removing its least useful channels, then storing it with
          fewer bits, right in your browser.
        </p>
        <div className="header-tools">
          <GuidedTour />
          <ThemeToggle />
          <PresenterToggle />
        </div>
        <div className="header-status">
          <BackendBadge />
          <MemoryReadout />
        </div>
      </header>
      <PresenterStory />
    </>
  );
}
