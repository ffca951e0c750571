import { useEffect, useRef, useState } from 'react';

/**
 * The scroller's width and scroll position, for the virtual list. Scroll events are folded into
 * one state update per animation frame, so panning re-renders at most once a frame.
 */
export function useScrollWindow(initialWidthPx: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [widthPx, setWidthPx] = useState(initialWidthPx);
  const [viewHeightPx, setViewHeightPx] = useState(600);
  const [scrollTopPx, setScrollTopPx] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let frame = 0;
    const onScroll = () => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
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
  }, []);
  return { ref, widthPx, viewHeightPx, scrollTopPx };
}
