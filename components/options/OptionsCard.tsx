import type { ComponentChildren } from 'preact';

/** One section of the options page: `name` gives its test id (`<name>-section`) and its title's id. */
export function OptionsCard({
  name,
  title,
  intro,
  children,
}: {
  name: string;
  title: string;
  intro?: string;
  children: ComponentChildren;
}) {
  return (
    <section class="options-card" data-testid={`${name}-section`} aria-labelledby={`${name}-title`}>
      <h2 class="subtitle" id={`${name}-title`}>
        {title}
      </h2>
      {intro && <p class="muted">{intro}</p>}
      {children}
    </section>
  );
}
