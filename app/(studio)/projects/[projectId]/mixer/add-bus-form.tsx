'use client';

import { useState } from 'react';
import { BUS_KINDS, type BusKind } from '../../../../../lib/doc';
import { Button } from '../../../../_components/button';
import { Select } from '../../../../_components/select-field';
import { BUS_KIND_NAMES } from './mixer-model';

export interface AddBusFormProps {
  disabled: boolean;
  /** Returns an error message, or null when the bus was added. */
  onAdd(kind: BusKind, name: string): string | null;
}

/** The lead's "Add bus": a kind (reverb, delay, group) and the bus is made with a name of its kind. */
export function AddBusForm({ disabled, onAdd }: AddBusFormProps) {
  const [kind, setKind] = useState<BusKind>('delay');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="add-track add-bus"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setError(onAdd(kind, BUS_KIND_NAMES[kind]));
      }}
    >
      <Select size="sm" aria-label="Kind of bus to add" value={kind} options={Object.values(BUS_KINDS).map((k) => ({ value: k, label: BUS_KIND_NAMES[k] }))} onChange={setKind} />
      <Button type="submit" size="sm" variant="secondary" disabled={disabled}>
        Add bus
      </Button>
      {error && <span className="field__error add-track__error">{error}</span>}
    </form>
  );
}
