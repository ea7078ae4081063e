// Placeholder until its issue lands: the section shows what is coming.

export function mount(section) {
  return { section };
}
