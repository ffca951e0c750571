import { useEffect, useRef, useState, type RefObject } from 'react';

/** Maps a scroll position to the rows it shows, as a key ('3:9'). */
export type RangeKey = (scrollTopPx: number, viewHeightPx: number) => string;

/**
 * The scroller's width and scroll position, for the virtual list. Scroll events are folded into
 * one check per animation frame, and React re-renders only when the rows in view change.
 */
export function useScrollWindow(initialWidthPx: number, rangeKey: RefObject<RangeKey>) {
  const ref = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(initialWidthPx);
  const [viewHeightPx, setViewHeightPx] = useState(600);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    let lastKey = '';
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const key = rangeKey.current(el.scrollTop, el.clientHeight);
        if (key === lastKey) return;
        lastKey = key;
        setScrollTopPx(el.scrollTop);
      });
    };
    const observer = new ResizeObserver(() => {
      setWidthPx(el.clientWidth);
      setViewHeightPx(el.clientHeight);
    });
    observer.observe(el);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [rangeKey]);
  return { ref, widthPx, viewHeightPx, scrollTopPx };
}
