// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { memo } from '../../../components/shared/memo';

const host = document.createElement('div');
afterEach(() => {
  void act(() => render(null, host));
});

describe('memo', () => {
  it('renders again only when a prop changed (by identity)', () => {
    let renders = 0;
    const Label = memo(({ text }: { text: string; data: object }) => {
      renders += 1;
      return <span>{text}</span>;
    });
    const data = {};
    const show = (text: string, props: object) =>
      void act(() => render(<Label text={text} data={props} />, host));

    show('a', data);
    show('a', data);
    expect(renders).toBe(1);
    show('a', {});
    expect(renders).toBe(2);
    show('b', {});
    expect(renders).toBe(3);
    expect(host.textContent).toBe('b');
  });
});
